/* The minifilter model of an INF (inf.h): services and their instances.
 *
 * Follows the path Windows follows: AddService = name,flags,section in any
 * section; the ServiceInstall section's ServiceType, StartType,
 * LoadOrderGroup, Dependencies and AddReg; the AddReg sections' HKR entries
 * (HKR is the service key there) under `Instances` and
 * `Parameters\Instances`.  Rules then ask plain questions of plain data.
 */
#include "inf/inf.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

const char *fl_inf_layout_name(enum fl_inf_layout layout)
{
	return layout == FL_INF_LAYOUT_PARAMETERS ? "Parameters\\Instances" : "Instances";
}

bool fl_inf_parse_number(const char *text, unsigned long *out)
{
	if (!text || !*text)
		return false;
	const char *digits = text;
	int base = 10;
	if (text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
		digits = text + 2;
		base = 16;
	}
	if (!*digits)
		return false;
	for (const char *c = digits; *c; c++)
		if (base == 16 ? !isxdigit((unsigned char)*c) : !isdigit((unsigned char)*c))
			return false;
	char *end = NULL;
	unsigned long long value = strtoull(digits, &end, base);
	if (value > 0xffffffffULL)
		return false; /* registry DWORDs and AddReg flags are 32 bits */
	*out = (unsigned long)value;
	return true;
}

bool fl_inf_altitude_valid(const char *text)
{
	if (!text || !isdigit((unsigned char)text[0]))
		return false;
	size_t i = strspn(text, "0123456789");
	if (text[i] == '\0')
		return true;
	if (text[i] != '.' || !isdigit((unsigned char)text[i + 1]))
		return false;
	return text[i + 1 + strspn(text + i + 1, "0123456789")] == '\0';
}

int fl_inf_altitude_compare(const char *a, const char *b)
{
	while (*a == '0' && isdigit((unsigned char)a[1]))
		a++;
	while (*b == '0' && isdigit((unsigned char)b[1]))
		b++;
	size_t ia = strspn(a, "0123456789"), ib = strspn(b, "0123456789");
	if (ia != ib)
		return ia < ib ? -1 : 1;
	int order = strncmp(a, b, ia);
	if (order)
		return order < 0 ? -1 : 1;
	/* Fractions: compare digit by digit, a missing digit being 0. */
	const char *fa = a[ia] == '.' ? a + ia + 1 : "";
	const char *fb = b[ib] == '.' ? b + ib + 1 : "";
	while (*fa || *fb) {
		char da = *fa ? *fa++ : '0', db = *fb ? *fb++ : '0';
		if (da != db)
			return da < db ? -1 : 1;
	}
	return 0;
}

/* The value an entry's field `index` sets: its text and where it is written. */
static void fl_value_set(struct fl_inf_value *value, const struct fl_inf_line *entry, size_t index)
{
	free(value->text);
	value->text = fl_xstrdup(index < entry->field_count ? entry->fields[index].text : "");
	value->line = index < entry->field_count && entry->fields[index].origin_line
			      ? entry->fields[index].origin_line
			      : entry->line;
	value->directive_line = entry->line;
}

static struct fl_inf_service *fl_service_add(struct fl_inf *inf, size_t *capacity,
					     const char *name, const char *section, unsigned line)
{
	for (size_t i = 0; i < inf->service_count; i++)
		if (fl_str_iequal(inf->services[i].name, name) && fl_str_iequal(inf->services[i].section, section))
			return NULL; /* the same service from another decoration (.NTamd64, .NTx86) */
	FL_GROW(inf->services, *capacity, inf->service_count + 1);
	struct fl_inf_service *service = &inf->services[inf->service_count++];
	memset(service, 0, sizeof(*service));
	service->name = fl_xstrdup(name);
	service->section = fl_xstrdup(section);
	service->add_service_line = line;
	return service;
}

static struct fl_inf_instance *fl_instance(struct fl_inf_service *service, size_t *capacity,
					   const char *name, enum fl_inf_layout layout, unsigned line)
{
	for (size_t i = 0; i < service->instance_count; i++)
		if (service->instances[i].layout == layout && fl_str_iequal(service->instances[i].name, name))
			return &service->instances[i];
	FL_GROW(service->instances, *capacity, service->instance_count + 1);
	struct fl_inf_instance *instance = &service->instances[service->instance_count++];
	memset(instance, 0, sizeof(*instance));
	instance->name = fl_xstrdup(name);
	instance->layout = layout;
	instance->line = line;
	return instance;
}

/* Splits a registry subkey into its parts, ignoring empty ones (leading,
 * trailing and doubled backslashes). */
static size_t fl_subkey_parts(const char *subkey, char parts[4][256])
{
	size_t count = 0;
	const char *start = subkey;
	for (const char *c = subkey;; c++) {
		if (*c == '\\' || *c == '\0') {
			size_t length = (size_t)(c - start);
			if (length > 0) {
				if (count == 4 || length >= 256)
					return 5; /* deeper or longer than anything we look for */
				memcpy(parts[count], start, length);
				parts[count][length] = '\0';
				count++;
			}
			start = c + 1;
			if (!*c)
				break;
		}
	}
	return count;
}

/* One HKR entry of an AddReg section used by `service`. */
static void fl_addreg_entry(struct fl_inf_service *service, size_t *capacity,
			    const struct fl_inf_section *section, const struct fl_inf_line *entry)
{
	if (entry->key || entry->field_count < 3 || !fl_str_iequal(entry->fields[0].text, "HKR"))
		return;
	unsigned long flags = 0;
	if (entry->field_count > 3 && entry->fields[3].text[0] && !fl_inf_parse_number(entry->fields[3].text, &flags))
		flags = 0;
	if (flags & (0x00000004UL | 0x00000010UL))
		return; /* FLG_ADDREG_DELVAL, FLG_ADDREG_KEYONLY: nothing is set */
	char parts[4][256];
	size_t count = fl_subkey_parts(entry->fields[1].text, parts);
	enum fl_inf_layout layout;
	size_t base;
	if (count >= 1 && fl_str_iequal(parts[0], "Instances")) {
		layout = FL_INF_LAYOUT_LEGACY;
		base = 1;
	} else if (count >= 2 && fl_str_iequal(parts[0], "Parameters") && fl_str_iequal(parts[1], "Instances")) {
		layout = FL_INF_LAYOUT_PARAMETERS;
		base = 2;
	} else {
		return;
	}
	const char *value_name = entry->fields[2].text;
	if (count == base) {
		if (!fl_str_iequal(value_name, "DefaultInstance"))
			return;
		fl_value_set(&service->default_instance[layout], entry, 4);
		service->default_instance[layout].reg_type = flags & FL_ADDREG_TYPE_MASK;
	} else if (count == base + 1) {
		struct fl_inf_instance *instance = fl_instance(service, capacity, parts[base], layout, entry->line);
		struct fl_inf_value *value = fl_str_iequal(value_name, "Altitude") ? &instance->altitude
					    : fl_str_iequal(value_name, "Flags")  ? &instance->flags
										  : NULL;
		if (value) {
			fl_value_set(value, entry, 4);
			value->reg_type = flags & FL_ADDREG_TYPE_MASK;
		}
	} else {
		return;
	}
	if (!service->layout_section_line[layout])
		service->layout_section_line[layout] = section->line;
}

static void fl_service_read(struct fl_inf *inf, struct fl_inf_service *service)
{
	const struct fl_inf_section *section = fl_inf_section(inf, service->section);
	if (!section)
		return;
	service->section_line = section->line;
	size_t instance_capacity = 0;
	for (size_t i = 0; i < section->line_count; i++) {
		const struct fl_inf_line *entry = &section->lines[i];
		if (!entry->key)
			continue;
		if (fl_str_iequal(entry->key, "ServiceType")) {
			fl_value_set(&service->service_type, entry, 0);
		} else if (fl_str_iequal(entry->key, "StartType")) {
			fl_value_set(&service->start_type, entry, 0);
		} else if (fl_str_iequal(entry->key, "LoadOrderGroup")) {
			fl_value_set(&service->load_order_group, entry, 0);
		} else if (fl_str_iequal(entry->key, "Dependencies")) {
			if (!service->dependencies_line)
				service->dependencies_line = entry->line;
			for (size_t f = 0; f < entry->field_count; f++)
				if (entry->fields[f].text[0])
					fl_strv_push(&service->dependencies, entry->fields[f].text);
		} else if (fl_str_iequal(entry->key, "AddReg")) {
			if (!service->addreg_line)
				service->addreg_line = entry->line;
			for (size_t f = 0; f < entry->field_count; f++) {
				const struct fl_inf_section *addreg = fl_inf_section(inf, entry->fields[f].text);
				for (size_t k = 0; addreg && k < addreg->line_count; k++)
					fl_addreg_entry(service, &instance_capacity, addreg, &addreg->lines[k]);
			}
		}
	}
	bool fltmgr = false;
	for (size_t i = 0; i < service->dependencies.count; i++)
		fltmgr |= fl_str_iequal(service->dependencies.items[i], "FltMgr");
	bool fsfilter = service->load_order_group.text &&
			fl_str_istarts_with(service->load_order_group.text, "FSFilter");
	bool defaults = service->default_instance[0].text || service->default_instance[1].text;
	service->is_minifilter = fltmgr || fsfilter || service->instance_count > 0 || defaults;
}

void fl_inf_build_model(struct fl_inf *inf)
{
	size_t capacity = 0;
	for (size_t s = 0; s < inf->section_count; s++) {
		const struct fl_inf_section *section = &inf->sections[s];
		for (size_t i = 0; i < section->line_count; i++) {
			const struct fl_inf_line *entry = &section->lines[i];
			if (!entry->key || !fl_str_iequal(entry->key, "AddService") || entry->field_count < 3 ||
			    !entry->fields[0].text[0] || !entry->fields[2].text[0])
				continue;
			struct fl_inf_service *service = fl_service_add(inf, &capacity, entry->fields[0].text,
									entry->fields[2].text, entry->line);
			if (service)
				fl_service_read(inf, service);
		}
	}
}
