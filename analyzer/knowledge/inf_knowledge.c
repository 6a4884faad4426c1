/* INF knowledge shared by the inf-* rules (inf_knowledge.h). */
#include "knowledge/inf_knowledge.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* WDD ifs/load-order-groups-and-altitudes-for-minifilter-drivers.md, "Types
 * of load order groups and their altitude ranges", in stack order.  FSFilter
 * System is "reserved for internal use"; FSFilter Infrastructure is "<20000"
 * and reserved (FltMgr itself is in it, ifs/creating-an-inf-file-for-a-
 * minifilter-driver.md). */
static const struct fl_load_order_group fl_groups[] = {
	{ "Filter", "420000", "429999", false },
	{ "FSFilter Top", "400000", "409999", false },
	{ "FSFilter Activity Monitor", "360000", "389999", false },
	{ "FSFilter Undelete", "340000", "349999", false },
	{ "FSFilter Anti-Virus", "320000", "329999", false },
	{ "FSFilter Replication", "300000", "309999", false },
	{ "FSFilter Continuous Backup", "280000", "289999", false },
	{ "FSFilter Content Screener", "260000", "269999", false },
	{ "FSFilter Quota Management", "240000", "249999", false },
	{ "FSFilter System Recovery", "220000", "229999", false },
	{ "FSFilter Cluster File System", "200000", "209999", false },
	{ "FSFilter HSM", "180000", "189999", false },
	{ "FSFilter Imaging", "170000", "175000", false },
	{ "FSFilter Compression", "160000", "169999", false },
	{ "FSFilter Encryption", "140000", "149999", false },
	{ "FSFilter Virtualization", "130000", "139999", false },
	{ "FSFilter Physical Quota Management", "120000", "129999", false },
	{ "FSFilter Open File", "100000", "109999", false },
	{ "FSFilter Security Enhancer", "80000", "89999", false },
	{ "FSFilter Copy Protection", "60000", "69999", false },
	{ "FSFilter Bottom", "40000", "49999", false },
	{ "FSFilter System", "20000", "29999", true },
	{ "FSFilter Infrastructure", "0", "19999", true },
};

/* Altitudes allocated to Microsoft for its public minifilter samples
 * (WDD ifs/allocated-altitudes.md; the samples' INFs in
 * microsoft/Windows-driver-samples filesys/miniFilter and the cloud files
 * sample CbSampleDrv).  Test-only filters of that list (stest, failAttach,
 * failMount, usbtest) and products (SmbResilFilter, filetrace) are left out:
 * nobody copies those from a sample. */
static const struct {
	const char *altitude;
	const char *owner;
} fl_samples[] = {
	{ "385100", "minispy sample (Top instance)" },
	{ "380020", "cloud files sample (CbSampleDrv)" },
	{ "380010", "cloud files sample (CbSampleDrv)" },
	{ "380000", "cloud files sample (CbSampleDrv)" },
	{ "371100", "simrep sample" },
	{ "370160", "change sample" },
	{ "370150", "delete sample" },
	{ "370120", "NameChanger sample" },
	{ "370080", "cdo sample" },
	{ "370070", "ctx sample" },
	{ "370060", "MetadataManager sample (fmm)" },
	{ "370050", "cancelSafe sample" },
	{ "370040", "message sample" },
	{ "370030", "passThrough sample" },
	{ "370020", "nullFilter sample" },
	{ "370010", "ntest sample" },
	{ "370000", "minispy sample (Middle instance)" },
	{ "361000", "minispy sample (Bottom instance)" },
	{ "265010", "avscan sample" },
	{ "265000", "scanner sample" },
	{ "141000", "swapBuffers sample" },
};

#define FL_COUNT(array) (sizeof(array) / sizeof((array)[0]))

const struct fl_load_order_group *fl_load_order_group_find(const char *name)
{
	for (size_t i = 0; name && i < FL_COUNT(fl_groups); i++)
		if (fl_str_iequal(fl_groups[i].name, name))
			return &fl_groups[i];
	return NULL;
}

/* Lower-cased letters and digits only. */
static void fl_squeeze(const char *text, char *out, size_t size)
{
	size_t used = 0;
	for (; *text && used + 1 < size; text++)
		if (isalnum((unsigned char)*text))
			out[used++] = (char)tolower((unsigned char)*text);
	out[used] = '\0';
}

const struct fl_load_order_group *fl_load_order_group_near(const char *name)
{
	char want[128], have[128];
	fl_squeeze(name ? name : "", want, sizeof(want));
	for (size_t i = 0; want[0] && i < FL_COUNT(fl_groups); i++) {
		fl_squeeze(fl_groups[i].name, have, sizeof(have));
		/* "Activity Monitor" without the FSFilter prefix is a common slip too. */
		if (strcmp(want, have) == 0 || (strncmp(have, "fsfilter", 8) == 0 && strcmp(want, have + 8) == 0))
			return &fl_groups[i];
	}
	return NULL;
}

bool fl_load_order_group_contains(const struct fl_load_order_group *group, const char *altitude)
{
	if (fl_inf_altitude_compare(altitude, group->low) < 0)
		return false;
	/* Below high + 1: 329999.5 is a fraction of 329999, still Anti-Virus. */
	if (fl_inf_altitude_compare(altitude, group->high) <= 0)
		return true;
	size_t digits = strspn(altitude, "0123456789");
	return digits == strlen(group->high) && strncmp(altitude, group->high, digits) == 0;
}

const struct fl_load_order_group *fl_load_order_group_of(const char *altitude)
{
	for (size_t i = 0; i < FL_COUNT(fl_groups); i++)
		if (fl_load_order_group_contains(&fl_groups[i], altitude))
			return &fl_groups[i];
	return NULL;
}

const char *fl_sample_altitude_owner(const char *altitude)
{
	for (size_t i = 0; i < FL_COUNT(fl_samples); i++)
		if (fl_inf_altitude_compare(altitude, fl_samples[i].altitude) == 0)
			return fl_samples[i].owner;
	return NULL;
}
