/* pages.h: the page handlers named in the route table, one file per area */
#ifndef CERTDESK_PAGES_H
#define CERTDESK_PAGES_H

#include "request.h"

/* page-home.c */
int page_home(struct req *r);
int page_healthz(struct req *r);
int page_service(struct req *r);
int page_faq(struct req *r);
int page_agreement(struct req *r);
int page_sandbox_echo(struct req *r);

/* page-register.c */
int page_register(struct req *r);
int page_register_profile(struct req *r);

/* page-login.c */
int page_login(struct req *r);
int page_logout(struct req *r);

/* page-password.c */
int page_password_forgot(struct req *r);

/* page-sandbox.c */
int page_sandbox_sms(struct req *r);

/* page-projects.c */
int page_projects(struct req *r);

/* page-order.c */
int page_order_new(struct req *r);
int page_order_create(struct req *r);
int page_order_edit(struct req *r);
int page_order_file(struct req *r);
int page_order_letter(struct req *r);

/* page-orders.c: 我的订单 (SPEC §9) */
int page_orders(struct req *r);
int page_order_detail(struct req *r);
int page_order_cancel(struct req *r);
int page_order_address(struct req *r);

/* page-deposit.c: 企业打款验证 (SPEC §6) */
int page_order_deposit(struct req *r);

/* page-pay.c: 订单支付 (SPEC §7) */
int page_order_pay(struct req *r);
int page_pay_notify(struct req *r);
int page_admin_transfer(struct req *r);
int page_admin_transfers(struct req *r);
int page_admin_audit(struct req *r);
int page_admin_staff(struct req *r);
int page_admin_staff_active(struct req *r);
int page_admin_projects(struct req *r);
int page_admin_project_active(struct req *r);

/* page-sandbox-gateway.c: the sandbox bank and payment gateway */
int page_sandbox_bank(struct req *r);
int page_sandbox_pay(struct req *r);

/* page-admin-login.c (staff console) */
int page_admin_login(struct req *r);
int page_admin_logout(struct req *r);

/* page-admin.c (staff console) */
int page_admin_home(struct req *r);

/* page-admin.c (staff console): queues and search */
int page_admin_orders(struct req *r);

/* page-admin-order.c (staff console): one order, its review */
int page_admin_order(struct req *r);
int page_admin_review(struct req *r);
int page_admin_order_file(struct req *r);

/* page-fulfil.c (staff console): production, shipping, invoicing, their queues, the outbox */
int page_admin_fulfilment(struct req *r);
int page_admin_produce(struct req *r);
int page_admin_ship(struct req *r);
int page_admin_invoice_issue(struct req *r);
int page_admin_production(struct req *r);
int page_admin_invoicing(struct req *r);
int page_admin_outbox(struct req *r);
int page_admin_outbox_retry(struct req *r);

/* page-invoice.c: the e-invoice page and XML, to the owner and to staff */
int page_order_invoice(struct req *r);
int page_order_invoice_xml(struct req *r);
int page_admin_invoice(struct req *r);
int page_admin_invoice_xml(struct req *r);

/* page-sandbox-mail.c */
int page_sandbox_mail(struct req *r);
int page_sandbox_mail_message(struct req *r);

#endif
