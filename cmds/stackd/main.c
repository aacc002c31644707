/* SPDX-License-Identifier: MIT */
/* main.c - stackd: options, start-up, daemonizing and shutdown. */
#include "catalog_host.h"
#include "dispatch.h"
#include "stackd.h"

#include "../../libnetcfg/paths.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <syslog.h>
#include <unistd.h>

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: stackd [OPTION]...\n"
		"Serve the netcfg IPv6 stack to its tools (ipv6 and libnetcfg clients).\n"
		"\n"
		"  -f, --foreground        stay in the foreground and log to stderr\n"
		"  -s, --socket=PATH       listen on PATH (default: see stackd(8))\n"
		"  -d, --state-dir=DIR     keep the persistent store in DIR\n"
		"  -c, --config=FILE       read FILE instead of the default stackd.conf\n"
		"      --dataplane=NAME    model (the embedded model stack, default) or linux (the\n"
		"                          kernel of this network namespace; needs CAP_NET_ADMIN)\n"
		"      --netns=NAME        linux dataplane: manage network namespace NAME\n"
		"                          (/var/run/netns/NAME) instead of the daemon's own\n"
		"      --test-clock        time stands still until a client advances it\n"
		"      --group=GROUP       members of GROUP may change the stack too\n"
		"      --max-frame=BYTES   largest request accepted (default 268435456)\n"
		"      --log=FILE          append messages to FILE\n"
		"      --pid-file=FILE     write the daemon's pid to FILE once it serves\n"
		"  -h, --help              show this help and exit\n"
		"  -V, --version           show the version and exit\n"
		"\n"
		"Exit status: 0 started, 1 failure, 2 usage error, 3 another stackd serves the socket.\n");
}

static void default_config_path(char *buf, size_t size)
{
	if (geteuid() == 0) {
		snprintf(buf, size, "/etc/netcfg/stackd.conf");
		return;
	}
	const char *x = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	if (x && *x)
		snprintf(buf, size, "%s/netcfg/stackd.conf", x);
	else if (home && *home)
		snprintf(buf, size, "%s/.config/netcfg/stackd.conf", home);
	else
		snprintf(buf, size, "/etc/netcfg/stackd.conf");
}

enum { OPT_DATAPLANE = 256, OPT_TEST_CLOCK, OPT_GROUP, OPT_MAX_FRAME, OPT_LOG, OPT_PID_FILE, OPT_NETNS };

/* Options on the command line override the config file, so remember them
 * and apply them after loading it. */
struct cmdline {
	const char *socket, *state_dir, *config, *dataplane, *group, *log, *pid_file, *netns;
	long long max_frame;
	bool foreground, test_clock;
};

static int parse_args(int argc, char **argv, struct cmdline *cl)
{
	static const struct option opts[] = {
		{ "foreground", no_argument, NULL, 'f' },
		{ "socket", required_argument, NULL, 's' },
		{ "state-dir", required_argument, NULL, 'd' },
		{ "config", required_argument, NULL, 'c' },
		{ "dataplane", required_argument, NULL, OPT_DATAPLANE },
		{ "test-clock", no_argument, NULL, OPT_TEST_CLOCK },
		{ "group", required_argument, NULL, OPT_GROUP },
		{ "max-frame", required_argument, NULL, OPT_MAX_FRAME },
		{ "log", required_argument, NULL, OPT_LOG },
		{ "pid-file", required_argument, NULL, OPT_PID_FILE },
		{ "netns", required_argument, NULL, OPT_NETNS },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 },
	};
	int c;
	memset(cl, 0, sizeof(*cl));
	cl->max_frame = -1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":fs:d:c:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'f': cl->foreground = true; break;
		case 's': cl->socket = optarg; break;
		case 'd': cl->state_dir = optarg; break;
		case 'c': cl->config = optarg; break;
		case OPT_DATAPLANE: cl->dataplane = optarg; break;
		case OPT_TEST_CLOCK: cl->test_clock = true; break;
		case OPT_GROUP: cl->group = optarg; break;
		case OPT_LOG: cl->log = optarg; break;
		case OPT_PID_FILE: cl->pid_file = optarg; break;
		case OPT_NETNS: cl->netns = optarg; break;
		case OPT_MAX_FRAME: {
			uint32_t v;
			if (netcfg_parse_uint(optarg, UINT32_MAX, &v) != NETCFG_OK || v < 1024) {
				fprintf(stderr, "stackd: --max-frame: \"%s\" is not a size in bytes (at least 1024)\n",
					optarg);
				return STACKD_EXIT_USAGE;
			}
			cl->max_frame = v;
			break;
		}
		case 'h': usage(stdout); exit(STACKD_EXIT_OK);
		case 'V': printf("stackd (netcfg) %s\n", NETCFG_VERSION); exit(STACKD_EXIT_OK);
		case ':':
			fprintf(stderr, "stackd: option \"%s\" needs a value\n", argv[optind - 1]);
			return STACKD_EXIT_USAGE;
		default:
			fprintf(stderr, "stackd: unknown option \"%s\" (see stackd --help)\n", argv[optind - 1]);
			return STACKD_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "stackd: unexpected argument \"%s\" (see stackd --help)\n", argv[optind]);
		return STACKD_EXIT_USAGE;
	}
	return STACKD_EXIT_OK;
}

static int configure(struct stackd_config *c, const struct cmdline *cl)
{
	config_defaults(c);
	if (cl->config) {
		snprintf(c->config_path, sizeof(c->config_path), "%s", cl->config);
		c->config_given = true;
	} else {
		default_config_path(c->config_path, sizeof(c->config_path));
	}
	if ((c->config_given || access(c->config_path, F_OK) == 0) && config_load(c, c->config_path) < 0)
		return STACKD_EXIT_USAGE;
	if (cl->dataplane) {
		if (strcmp(cl->dataplane, "model") == 0)
			c->dataplane = DATAPLANE_MODEL;
		else if (strcmp(cl->dataplane, "linux") == 0)
			c->dataplane = DATAPLANE_LINUX;
		else {
			fprintf(stderr, "stackd: unknown dataplane \"%s\" (model or linux)\n", cl->dataplane);
			return STACKD_EXIT_USAGE;
		}
	}
	if (cl->netns) {
		if (!config_netns_name_ok(cl->netns)) {
			fprintf(stderr, "stackd: --netns: \"%s\" is not a network namespace name\n", cl->netns);
			return STACKD_EXIT_USAGE;
		}
		snprintf(c->netns, sizeof(c->netns), "%s", cl->netns);
	}
	if (cl->test_clock)
		c->test_clock = true;
	if (c->netns[0] && c->dataplane != DATAPLANE_LINUX) {
		if (cl->netns)
			fprintf(stderr, "stackd: --netns needs the linux dataplane (--dataplane=linux)\n");
		else
			fprintf(stderr, "stackd: %s: netns needs the linux dataplane (dataplane linux)\n",
				c->config_path);
		return STACKD_EXIT_USAGE;
	}
	if (c->test_clock && c->dataplane == DATAPLANE_LINUX) {
		fprintf(stderr, "stackd: the test clock cannot drive the linux dataplane: the kernel's "
			"lifetimes run in real time\n");
		return STACKD_EXIT_USAGE;
	}
	if (cl->foreground)
		c->foreground = true;
	if (cl->max_frame > 0)
		c->max_frame = (size_t)cl->max_frame;
	if (cl->log)
		snprintf(c->log_path, sizeof(c->log_path), "%s", cl->log);
	if (cl->pid_file) {
		/* absolute, since the daemon leaves its working directory */
		if (cl->pid_file[0] == '/')
			snprintf(c->pid_file, sizeof(c->pid_file), "%s", cl->pid_file);
		else if (!getcwd(c->pid_file, sizeof(c->pid_file)) ||
			 strlen(c->pid_file) + strlen(cl->pid_file) + 2 > sizeof(c->pid_file)) {
			fprintf(stderr, "stackd: --pid-file: path too long\n");
			return STACKD_EXIT_USAGE;
		} else {
			strcat(c->pid_file, "/");
			strcat(c->pid_file, cl->pid_file);
		}
	}
	if (cl->group) {
		char err[128];
		if (config_parse_group(c, cl->group, err, sizeof(err)) < 0) {
			fprintf(stderr, "stackd: --group: %s\n", err);
			return STACKD_EXIT_USAGE;
		}
	}
	if (cl->socket) {
		if (snprintf(c->socket, sizeof(c->socket), "%s", cl->socket) >= (int)sizeof(c->socket)) {
			fprintf(stderr, "stackd: socket path too long: %s\n", cl->socket);
			return STACKD_EXIT_USAGE;
		}
	} else if (netcfg_default_socket(c->socket, sizeof(c->socket)) < 0) {
		fprintf(stderr, "stackd: the default socket path is too long\n");
		return STACKD_EXIT_USAGE;
	}
	if (cl->state_dir)
		snprintf(c->state_dir, sizeof(c->state_dir), "%s", cl->state_dir);
	else
		netcfg_default_state_dir(c->state_dir, sizeof(c->state_dir));
	/* the linux dataplane's interfaces are the kernel's links */
	if (c->dataplane == DATAPLANE_MODEL && !c->adapters_declared && host_mirror(c) < 0) {
		fprintf(stderr, "stackd: out of memory reading the host's adapters\n");
		return STACKD_EXIT_FAIL;
	}
	return STACKD_EXIT_OK;
}

/* Fork; the parent waits until the child reports readiness (one byte on
 * the pipe) or dies, so "stackd" returns only once clients can connect. */
static int daemonize(int *ready_fd)
{
	int p[2];
	/* A daemon keeps nothing its starter had open (a test harness waits
	 * for its pipes to close, for one). */
	close_range(3, ~0U, 0);
	if (pipe2(p, O_CLOEXEC) < 0) {
		fprintf(stderr, "stackd: pipe: %s\n", strerror(errno));
		return -1;
	}
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "stackd: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid > 0) {
		close(p[1]);
		char c;
		ssize_t r;
		while ((r = read(p[0], &c, 1)) < 0 && errno == EINTR)
			;
		if (r == 1)
			_exit(STACKD_EXIT_OK);
		int st;
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
		_exit(WIFEXITED(st) ? WEXITSTATUS(st) : STACKD_EXIT_FAIL);
	}
	close(p[0]);
	setsid();
	if (chdir("/") < 0)
		return -1;
	*ready_fd = p[1];
	return 0;
}

static int write_pid_file(const char *path)
{
	FILE *f = fopen(path, "we");
	if (!f)
		return -1;
	fprintf(f, "%d\n", (int)getpid());
	return fclose(f);
}

static void detach_stdio(void)
{
	int nul = open("/dev/null", O_RDWR);
	if (nul < 0)
		return;
	dup2(nul, 0);
	dup2(nul, 1);
	dup2(nul, 2);
	if (nul > 2)
		close(nul);
}

int main(int argc, char **argv)
{
	struct cmdline cl;
	struct daemon d;
	int rc, ready_fd = -1;

	memset(&d, 0, sizeof(d));
	d.lfd = d.sigfd = d.epfd = d.lockfd = -1;
	const char *unsorted = dispatch_check_table();
	if (unsorted) {
		fprintf(stderr, "stackd: bug: operation \"%s\" is out of order in the table\n", unsorted);
		return STACKD_EXIT_FAIL;
	}
	if ((rc = parse_args(argc, argv, &cl)) != STACKD_EXIT_OK)
		return rc;
	if ((rc = configure(&d.cfg, &cl)) != STACKD_EXIT_OK) {
		config_free(&d.cfg);
		return rc;
	}
	d.uid = geteuid();
	umask(022);
	if (!d.cfg.foreground && daemonize(&ready_fd) < 0) {
		config_free(&d.cfg);
		return STACKD_EXIT_FAIL;
	}
	/* The dataplane first: without its privileges or namespace nothing
	 * else is set up (no socket, no state directory). */
	char path[PATH_MAX + 32], err[PATH_MAX + 256];
	if (dp_open(&d, err, sizeof(err)) != NETCFG_OK) {
		fprintf(stderr, "stackd: %s\n", err);
		rc = STACKD_EXIT_FAIL;
		goto out;
	}
	if ((rc = server_listen(&d)) != STACKD_EXIT_OK)
		goto out;
	if (netcfg_mkdir_p(d.cfg.state_dir, 0700) < 0) {
		fprintf(stderr, "stackd: cannot create the state directory %s: %s\n",
			d.cfg.state_dir, strerror(errno));
		rc = STACKD_EXIT_FAIL;
		goto out;
	}
	log_open(&d.cfg);
	clock_init(&d.clock, d.cfg.test_clock);
	undo_init(&d.undo);
	if (stackd_ipsec_init(&d.ipsec) < 0) {
		fprintf(stderr, "stackd: out of memory building the SPD\n");
		rc = STACKD_EXIT_FAIL;
		goto out;
	}
	if (dp_build(&d, &d.stack) != NETCFG_OK) {
		fprintf(stderr, "stackd: cannot build the stack: %s\n", d.stack.err);
		rc = STACKD_EXIT_FAIL;
		goto out;
	}
	snprintf(path, sizeof(path), "%s/persistent.json", d.cfg.state_dir);
	if (pstore_open(&d.pstore, path, err, sizeof(err)) < 0) {
		fprintf(stderr, "stackd: persistent store unreadable, refusing to start: %s\n", err);
		rc = STACKD_EXIT_FAIL;
		goto out;
	}
	dispatch_replay(&d);
	if (catalog_host_open(&d) < 0) {
		rc = STACKD_EXIT_FAIL;
		goto out;
	}
	if (d.cfg.pid_file[0] && write_pid_file(d.cfg.pid_file) < 0) {
		fprintf(stderr, "stackd: %s: %s\n", d.cfg.pid_file, strerror(errno));
		rc = STACKD_EXIT_FAIL;
		goto out;
	}
	log_msg(LOG_INFO, "serving %s (%s dataplane, %zu interfaces, %zu persistent entries)",
		d.cfg.socket, d.dp.ops->name, d.stack.n_ifs, d.pstore.n);
	if (ready_fd >= 0) {
		detach_stdio();
		if (write(ready_fd, "", 1) != 1)
			log_msg(LOG_WARNING, "could not report readiness to the parent");
		close(ready_fd);
	}
	rc = server_run(&d);
out:
	if (d.cfg.pid_file[0] && rc != STACKD_EXIT_RUNNING)
		unlink(d.cfg.pid_file);
	server_close(&d);
	pstore_close(&d.pstore);
	catalog_host_close(&d);
	stack_free(&d.stack);
	if (d.dp.ops && d.dp.ops->close)
		d.dp.ops->close(&d.dp);
	undo_free(&d.undo);
	stackd_ipsec_free(&d.ipsec);
	config_free(&d.cfg);
	return rc;
}
