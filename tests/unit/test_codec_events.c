/* SPDX-License-Identifier: MIT */
/* test_codec_events.c - the codecs of the change generations and kinds. */
#include "unit.h"

#include <stdlib.h>

#include "../../libnetcfg/codec_events.h"

struct rd {
	int rc;
	char err[CODEC_ERRLEN];
	unsigned present;
};

static struct rd read_events(const char *json, struct netcfg_events *e)
{
	struct rd o;
	struct jdoc d = { 0 };
	memset(&o, 0, sizeof(o));
	memset(e, 0xff, sizeof(*e));
	if (jdoc_parse(&d, json, strlen(json)) != 0)
		o.rc = -1000;
	else
		o.rc = codec_events_read(&d, 0, e, &o.present, "since", o.err);
	jdoc_free(&d);
	return o;
}

static struct rd read_kinds(const char *json, unsigned *kinds)
{
	struct rd o;
	struct jdoc d = { 0 };
	memset(&o, 0, sizeof(o));
	*kinds = 0xdead;
	if (jdoc_parse(&d, json, strlen(json)) != 0)
		o.rc = -1000;
	else
		o.rc = codec_event_kinds_read(&d, 0, kinds, "events.wait", o.err);
	jdoc_free(&d);
	return o;
}

TEST(events_write_then_read_gives_the_same_generations)
{
	struct netcfg_events e = { .epoch = 1700000000123456ull, .address = 7, .route = 9000000000ull,
				   .changed = NETCFG_EVENTS_ROUTE, .waiting = 3 }, back;
	struct jw w;
	jw_init(&w);
	codec_events_write(&w, &e, true);
	CHECK_STREQ(w.buf, "{\"epoch\":1700000000123456,\"address\":7,\"route\":9000000000,"
			   "\"changed\":[\"route\"],\"waiting\":3}");
	struct rd o = read_events(w.buf, &back);
	CHECK(o.rc == 0);
	CHECK(back.epoch == e.epoch && back.address == 7 && back.route == 9000000000ull);
	CHECK(back.changed == NETCFG_EVENTS_ROUTE && back.waiting == 3);
	CHECK(o.present == (CODEC_EVENTS_EPOCH | NETCFG_EVENTS_ADDRESS | NETCFG_EVENTS_ROUTE));
	jw_reset(&w);
	codec_events_write(&w, &e, false);
	CHECK_STREQ(w.buf, "{\"epoch\":1700000000123456,\"address\":7,\"route\":9000000000}");
	jw_free(&w);
}

TEST(events_read_reports_which_members_were_given)
{
	struct netcfg_events e;
	struct rd o = read_events("{\"route\":4}", &e);
	CHECK(o.rc == 0);
	CHECK(o.present == NETCFG_EVENTS_ROUTE);
	CHECK(e.route == 4 && e.address == 0 && e.epoch == 0 && e.changed == 0);
	o = read_events("{}", &e);
	CHECK(o.rc == 0 && o.present == 0);
	o = read_events("{\"changed\":[]}", &e);
	CHECK(o.rc == 0 && e.changed == 0);
}

TEST(events_read_names_the_bad_member)
{
	struct netcfg_events e;
	struct rd o = read_events("{\"address\":-1}", &e);
	CHECK(o.rc == NETCFG_EPROTO);
	CHECK_STREQ(o.err, "since: address is not a generation (a number from 0)");
	o = read_events("{\"route\":\"7\"}", &e);
	CHECK_STREQ(o.err, "since: route is not a generation (a number from 0)");
	o = read_events("{\"epoch\":1.5}", &e);
	CHECK_STREQ(o.err, "since: epoch is not a generation (a number from 0)");
	o = read_events("[1]", &e);
	CHECK(o.rc == NETCFG_EPROTO);
	CHECK_STREQ(o.err, "since is missing or not an object");
	o = read_events("{\"waiting\":-2}", &e);
	CHECK_STREQ(o.err, "since: waiting is not a number");
	o = read_events("{\"changed\":[\"link\"]}", &e);
	CHECK_STREQ(o.err, "since: kinds has an unknown kind \"link\" (address, route)");
}

TEST(kinds_round_trip_and_refuse_unknown_names)
{
	struct jw w;
	unsigned k;
	jw_init(&w);
	codec_event_kinds_write(&w, NETCFG_EVENTS_ALL);
	CHECK_STREQ(w.buf, "[\"address\",\"route\"]");
	CHECK(read_kinds(w.buf, &k).rc == 0 && k == NETCFG_EVENTS_ALL);
	jw_free(&w);
	CHECK(read_kinds("[\"route\",\"route\"]", &k).rc == 0 && k == NETCFG_EVENTS_ROUTE);
	struct rd o = read_kinds("[\"address\",\"neighbor\"]", &k);
	CHECK(o.rc == NETCFG_EPROTO && k == 0xdead);
	CHECK_STREQ(o.err, "events.wait: kinds has an unknown kind \"neighbor\" (address, route)");
	o = read_kinds("[3]", &k);
	CHECK_STREQ(o.err, "events.wait: kinds has an unknown kind 3 (address, route)");
	o = read_kinds("[]", &k);
	CHECK_STREQ(o.err, "events.wait: kinds is empty");
	o = read_kinds("\"address\"", &k);
	CHECK_STREQ(o.err, "events.wait: kinds is not an array of kinds (address, route)");
}

TEST(kind_names)
{
	CHECK_STREQ(netcfg_events_kind_name(NETCFG_EVENTS_ADDRESS), "address");
	CHECK_STREQ(netcfg_events_kind_name(NETCFG_EVENTS_ROUTE), "route");
	CHECK(netcfg_events_kind_name(NETCFG_EVENTS_ALL) == NULL);
	CHECK(netcfg_events_kind_name(0) == NULL);
}

int main(void)
{
	return unit_run();
}
