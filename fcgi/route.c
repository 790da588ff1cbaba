/* route.c: the one table of routes: method, path pattern, handler, who may call it */
#include <string.h>

#include "pages.h"
#include "route.h"
#include "staff.h"

static const struct route routes[] = {
	{ M_GET | M_HEAD, "/", page_home, ACCESS_ANYONE, 0, 0, 0 },
	{ M_GET | M_HEAD, "/healthz", page_healthz, ACCESS_ANYONE, 0, 0, 0 },
	{ M_GET | M_HEAD, "/service", page_service, ACCESS_ANYONE, 0, 0, 0 },
	{ M_GET | M_HEAD, "/faq", page_faq, ACCESS_ANYONE, 0, 0, 0 },
	{ M_GET | M_HEAD, "/agreement", page_agreement, ACCESS_ANYONE, 0, 0, 0 },
	{ M_GET | M_HEAD, "/projects", page_projects, ACCESS_ANYONE, 0, 0, 0 },
	{ M_GET | M_HEAD, "/orders/new", page_order_new, ACCESS_APPLICANT, 0, 0, 0 },
	{ M_POST, "/orders", page_order_create, ACCESS_APPLICANT, 0, 0, 0 },
	{ M_GET | M_HEAD | M_POST, "/orders/{no}/edit", page_order_edit, ACCESS_APPLICANT, 0, 0, 0 },
	{ M_GET | M_HEAD, "/orders/{no}/files/{kind}", page_order_file, ACCESS_APPLICANT, 0, 0, 0 },
	{ M_GET | M_HEAD, "/orders/{no}/authorization-letter", page_order_letter, ACCESS_APPLICANT, 0, 0, 0 },
	{ M_GET | M_HEAD, "/orders/{no}", page_order_detail, ACCESS_APPLICANT, 0, 0, 1 },
	{ M_GET | M_HEAD | M_POST, "/orders/{no}/deposit", page_order_deposit, ACCESS_APPLICANT, 0, 0, 0 },
	{ M_GET | M_HEAD | M_POST, "/orders/{no}/pay", page_order_pay, ACCESS_APPLICANT, 0, 0, 0 },
	/* The gateway's server-to-server notification: its signature replaces the CSRF token. */
	{ M_POST, "/pay/notify/{gateway}", page_pay_notify, ACCESS_ANYONE, 1, 0, 0 },
	{ M_GET | M_HEAD, "/orders", page_orders, ACCESS_APPLICANT, 0, 0, 1 },
	{ M_GET | M_HEAD, "/orders/{no}/invoice", page_order_invoice, ACCESS_APPLICANT, 0, 0, 0 },
	{ M_GET | M_HEAD, "/orders/{no}/invoice.xml", page_order_invoice_xml, ACCESS_APPLICANT, 0, 0, 0 },
	/* GET is the confirmation step that works without JavaScript. */
	{ M_GET | M_HEAD | M_POST, "/orders/{no}/cancel", page_order_cancel, ACCESS_APPLICANT, 0, 0, 0 },
	{ M_GET | M_HEAD | M_POST, "/orders/{no}/address", page_order_address, ACCESS_APPLICANT, 0, 0, 0 },
	{ M_GET | M_HEAD | M_POST, "/register", page_register, ACCESS_ANYONE, 0, 0, 0 },
	{ M_GET | M_HEAD | M_POST, "/register/profile", page_register_profile, ACCESS_ANYONE, 0, 0, 0 },
	{ M_GET | M_HEAD | M_POST, "/login", page_login, ACCESS_ANYONE, 0, 0, 0 },
	{ M_POST, "/logout", page_logout, ACCESS_APPLICANT, 0, 0, 0 },
	{ M_GET | M_HEAD | M_POST, "/password/forgot", page_password_forgot, ACCESS_ANYONE, 0, 0, 0 },
	{ M_GET | M_POST, "/sandbox/echo", page_sandbox_echo, ACCESS_SANDBOX, 0, 0, 0 },
	{ M_GET | M_HEAD, "/sandbox/sms", page_sandbox_sms, ACCESS_SANDBOX, 0, 0, 0 },
	{ M_GET | M_HEAD, "/sandbox/mail", page_sandbox_mail, ACCESS_SANDBOX, 0, 0, 0 },
	{ M_GET | M_HEAD, "/sandbox/mail/{id}", page_sandbox_mail_message, ACCESS_SANDBOX, 0, 0, 0 },
	{ M_GET | M_HEAD, "/sandbox/bank", page_sandbox_bank, ACCESS_SANDBOX, 0, 0, 0 },
	{ M_GET | M_HEAD | M_POST, "/sandbox/pay/{out_trade_no}", page_sandbox_pay, ACCESS_SANDBOX, 0, 0, 0 },
	/* staff console (admin listener only); the last column is who may call it */
	{ M_GET | M_HEAD | M_POST, "/admin/login", page_admin_login, ACCESS_STAFF, 0, 0, 0 },
	{ M_POST, "/admin/logout", page_admin_logout, ACCESS_STAFF, 0, ROLE_ANY, 0 },
	{ M_GET | M_HEAD, "/admin", page_admin_home, ACCESS_STAFF, 0, ROLE_ANY, 0 },
	{ M_GET | M_HEAD, "/admin/orders", page_admin_orders, ACCESS_STAFF, 0, ROLE_ANY, 0 },
	{ M_GET | M_HEAD, "/admin/transfers", page_admin_transfers, ACCESS_STAFF, 0, ROLE_FINANCE | ROLE_ADMIN, 0 },
	{ M_GET | M_HEAD, "/admin/audit", page_admin_audit, ACCESS_STAFF, 0, ROLE_ADMIN, 0 },
	{ M_GET | M_HEAD | M_POST, "/admin/staff", page_admin_staff, ACCESS_STAFF, 0, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/staff/{username}/active", page_admin_staff_active, ACCESS_STAFF, 0, ROLE_ADMIN, 0 },
	{ M_GET | M_HEAD, "/admin/projects", page_admin_projects, ACCESS_STAFF, 0, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/projects/{code}/active", page_admin_project_active, ACCESS_STAFF, 0, ROLE_ADMIN, 0 },
	{ M_GET | M_HEAD, "/admin/orders/{no}", page_admin_order, ACCESS_STAFF, 0, ROLE_ANY, 0 },
	{ M_POST, "/admin/orders/{no}/review", page_admin_review, ACCESS_STAFF, 0, ROLE_REVIEWER | ROLE_ADMIN, 0 },
	{ M_GET | M_HEAD, "/admin/orders/{no}/files/{kind}", page_admin_order_file, ACCESS_STAFF, 0, ROLE_ANY, 0 },
	/* fulfilment (SPEC §8): operators produce and ship, finance invoices; administrators may do all */
	{ M_GET | M_HEAD, "/admin/orders/{no}/fulfilment", page_admin_fulfilment, ACCESS_STAFF, 0, ROLE_ANY, 0 },
	{ M_POST, "/admin/orders/{no}/produce", page_admin_produce, ACCESS_STAFF, 0, ROLE_OPERATOR | ROLE_ADMIN, 0 },
	{ M_POST, "/admin/orders/{no}/ship", page_admin_ship, ACCESS_STAFF, 0, ROLE_OPERATOR | ROLE_ADMIN, 0 },
	{ M_POST, "/admin/orders/{no}/invoice", page_admin_invoice_issue, ACCESS_STAFF, 0, ROLE_FINANCE | ROLE_ADMIN, 0 },
	{ M_GET | M_HEAD, "/admin/orders/{no}/invoice", page_admin_invoice, ACCESS_STAFF, 0, ROLE_ANY, 0 },
	{ M_GET | M_HEAD, "/admin/orders/{no}/invoice.xml", page_admin_invoice_xml, ACCESS_STAFF, 0, ROLE_ANY, 0 },
	{ M_GET | M_HEAD, "/admin/production", page_admin_production, ACCESS_STAFF, 0, ROLE_OPERATOR | ROLE_ADMIN, 0 },
	{ M_GET | M_HEAD, "/admin/invoicing", page_admin_invoicing, ACCESS_STAFF, 0, ROLE_FINANCE | ROLE_ADMIN, 0 },
	{ M_GET | M_HEAD, "/admin/outbox", page_admin_outbox, ACCESS_STAFF, 0, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/outbox/{id}/retry", page_admin_outbox_retry, ACCESS_STAFF, 0, ROLE_ADMIN, 0 },
	{ M_POST, "/admin/orders/{no}/transfer", page_admin_transfer, ACCESS_STAFF, 0, ROLE_FINANCE | ROLE_ADMIN, 0 },
};

#define NROUTES (sizeof(routes) / sizeof(routes[0]))

static unsigned int
method_bit(const char *m)
{
	if (strcmp(m, "GET") == 0)
		return M_GET;
	if (strcmp(m, "POST") == 0)
		return M_POST;
	if (strcmp(m, "HEAD") == 0)
		return M_HEAD;
	return 0;
}

static int
param_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	    c == '_' || c == '-' || c == '.';
}

/* Match path against pattern; on success fill params (in pattern order). */
static int
match(const char *pattern, const char *path, char params[][65])
{
	const char *p = pattern, *s = path;
	int np = 0;
	size_t n;

	while (*p != '\0') {
		if (*p == '{') {
			p = strchr(p, '}');
			if (p == NULL || np >= REQ_PARAMS_MAX)
				return 0;
			p++;
			for (n = 0; s[n] != '\0' && s[n] != '/'; n++)
				if (!param_char(s[n]))
					return 0;
			if (n == 0 || n > 64)
				return 0;
			memcpy(params[np], s, n);
			params[np][n] = '\0';
			np++;
			s += n;
			continue;
		}
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	return *s == '\0';
}

enum route_match
route_find(struct req *r)
{
	unsigned int bit = method_bit(r->method);
	char params[REQ_PARAMS_MAX][65];
	enum route_match result = ROUTE_NOT_FOUND;
	size_t i;

	for (i = 0; i < NROUTES; i++) {
		if (!match(routes[i].pattern, r->path, params))
			continue;
		if ((routes[i].methods & bit) == 0) {
			result = ROUTE_BAD_METHOD;
			continue;
		}
		r->route = &routes[i];
		memcpy(r->params, params, sizeof(params));
		return ROUTE_FOUND;
	}
	return result;
}

const char *
route_param(const struct req *r, const char *name)
{
	const char *p;
	size_t len = strlen(name);
	int i = 0;

	if (r->route == NULL)
		return NULL;
	for (p = strchr(r->route->pattern, '{'); p != NULL; p = strchr(p + 1, '{'), i++)
		if (strncmp(p + 1, name, len) == 0 && p[len + 1] == '}')
			return i < REQ_PARAMS_MAX ? r->params[i] : NULL;
	return NULL;
}
