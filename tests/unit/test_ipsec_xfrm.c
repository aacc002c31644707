/* SPDX-License-Identifier: MIT */
/*
 * test_ipsec_xfrm.c - one meaning per AuthAlg: what `ipsec6 export` writes
 * for an algorithm is what the daemon gives the kernel for it (linux
 * dataplane, cmds/stackd/linux/xfrm.c), and HMAC-MD5 and HMAC-SHA1 are
 * the 96-bit truncations of RFC 2403 and 2404.
 */
#include "unit.h"

#include "../../ipsec/ipsec.h"
#include "linux.h"

#include <netcfg/ipsec.h>

TEST(export_and_daemon_agree_on_every_algorithm)
{
	for (int a = NETCFG_AUTH_HMAC_MD5; a < NETCFG_AUTH__MAX; a++) {
		const char *name = netcfg_auth_alg_name((enum netcfg_auth_alg)a);
		const struct lnx_xfrm_alg *k = lnx_xfrm_auth_lookup(name);
		unsigned bits = 0;
		const char *kernel = ipsec_auth_kernel_name((enum netcfg_auth_alg)a, &bits);
		CHECK(name && k && kernel);
		if (!name || !k || !kernel)
			continue;
		CHECK_STREQ(kernel, k->kernel);
		CHECK(bits == k->trunc_bits);
		if (bits != k->trunc_bits)
			fprintf(stderr, "# %s: export %u bits, daemon %u\n", name, bits, k->trunc_bits);
	}
}

TEST(hmac_md5_and_sha1_are_the_96_bit_truncations)
{
	unsigned bits = 0;
	CHECK_STREQ(ipsec_auth_kernel_name(NETCFG_AUTH_HMAC_MD5, &bits), "hmac(md5)");
	CHECK(bits == 96);
	CHECK_STREQ(ipsec_auth_kernel_name(NETCFG_AUTH_HMAC_MD5_96, &bits), "hmac(md5)");
	CHECK(bits == 96);
	CHECK_STREQ(ipsec_auth_kernel_name(NETCFG_AUTH_HMAC_SHA1, &bits), "hmac(sha1)");
	CHECK(bits == 96);
	CHECK_STREQ(ipsec_auth_kernel_name(NETCFG_AUTH_HMAC_SHA1_96, &bits), "hmac(sha1)");
	CHECK(bits == 96);
	/* RFC 4868, not the 96 bits of old PF_KEY */
	CHECK_STREQ(ipsec_auth_kernel_name(NETCFG_AUTH_HMAC_SHA256, &bits), "hmac(sha256)");
	CHECK(bits == 128);
	CHECK(ipsec_auth_kernel_name(NETCFG_AUTH_NULL, &bits) == NULL && bits == 0);
	CHECK(ipsec_auth_kernel_name(NETCFG_AUTH__MAX, &bits) == NULL && bits == 0);
}

TEST(setkey_names_mean_the_same_transform)
{
	CHECK_STREQ(ipsec_auth_setkey_name(NETCFG_AUTH_HMAC_MD5), "hmac-md5");
	CHECK_STREQ(ipsec_auth_setkey_name(NETCFG_AUTH_HMAC_MD5_96), "hmac-md5");
	CHECK_STREQ(ipsec_auth_setkey_name(NETCFG_AUTH_HMAC_SHA1), "hmac-sha1");
	CHECK_STREQ(ipsec_auth_setkey_name(NETCFG_AUTH_HMAC_SHA1_96), "hmac-sha1");
	/* Linux setkey's hmac-sha256 sends 96 bits: no name means RFC 4868's 128 */
	CHECK(ipsec_auth_setkey_name(NETCFG_AUTH_HMAC_SHA256) == NULL);
}

TEST(spellings_are_kept_apart_for_display)
{
	CHECK_STREQ(netcfg_auth_alg_name(NETCFG_AUTH_HMAC_MD5), "HMAC-MD5");
	CHECK(netcfg_auth_alg_parse("hmac-md5") == NETCFG_AUTH_HMAC_MD5);
	CHECK(netcfg_auth_alg_parse("HMAC-MD5-96") == NETCFG_AUTH_HMAC_MD5_96);
	CHECK_STREQ(netcfg_auth_alg_name(NETCFG_AUTH_HMAC_SHA1), "HMAC-SHA1");
}

int main(void)
{
	return unit_run();
}
