<?cs include:"macros.cs" ?><?cs include:"order/macros.cs" ?><?cs
# order/detail.cs: one order (SPEC §9): where it stands and what happens next, the actions its state allows,
  the timeline, delivery, certificates and invoice once they exist, and every field (numbers masked).
  HDF: Page.order.* (ID, account and phone numbers already masked by the handler), Page.project.*,
  Page.files.<kind> (image URLs), Page.actions.{edit,cancel,deposit,pay,address}, Page.events.N.{at,actor,
  from,to,event,reason}, Page.now.{since,reason,deadline}, Page.certificates.N.*, Page.invoice.*.
?><?cs def:kv(label, value) ?><div class="dl-row"><dt><?cs var:label ?></dt><dd><?cs if:value ?><?cs var:value ?><?cs else ?><span class="muted"><?cs var:Lang.orders.none ?></span><?cs /if ?></dd></div><?cs /def ?><?cs
# order_actions(): the buttons of what the applicant may do now; 取消 goes to its confirmation page.
?><?cs def:order_actions() ?><?cs
  if:Page.actions.edit ?>
        <a class="btn btn-primary" href="/orders/<?cs var:Page.order.no ?>/edit" data-action="edit"><?cs var:Lang.order.edit ?></a><?cs /if ?><?cs
  if:Page.actions.deposit ?>
        <a class="btn btn-primary" href="/orders/<?cs var:Page.order.no ?>/deposit" data-action="deposit"><?cs var:Lang.orders.action.deposit ?></a><?cs /if ?><?cs
  if:Page.actions.pay ?>
        <a class="btn btn-primary" href="/orders/<?cs var:Page.order.no ?>/pay" data-action="pay"><?cs var:Lang.orders.action.pay ?></a><?cs /if ?><?cs
  if:Page.actions.address ?>
        <a class="btn btn-secondary" href="/orders/<?cs var:Page.order.no ?>/address" data-action="address"><?cs var:Lang.orders.action.address ?></a><?cs /if ?><?cs
  if:Page.actions.cancel ?>
        <a class="btn btn-danger-outline" href="/orders/<?cs var:Page.order.no ?>/cancel" data-action="cancel"><?cs var:Lang.orders.cancel.title ?></a><?cs /if ?><?cs
/def ?><?cs
def:page_body() ?>
<section class="section">
  <div class="container narrow">
    <p class="back-link"><a href="/orders"><?cs var:Lang.orders.detail.back ?></a></p>
    <?cs call:order_header() ?>
    <div class="card status-card status-<?cs var:Page.order.state ?>">
      <h2 class="card-title"><?cs var:Lang.orders.detail.where ?></h2><?cs
  if:Page.payment.state == "processing" ?>
      <div class="alert alert-info" role="status" data-payment-state="processing"><?cs var:Lang.pay.processing ?></div><?cs
  /if ?>
      <dl class="dl">
        <div class="dl-row"><dt><?cs var:Lang.orders.detail.waiting ?></dt><dd><strong class="status-who"><?cs var:Lang.orders.next[Page.order.state].who ?></strong></dd></div>
        <div class="dl-row"><dt><?cs var:Lang.orders.detail.next ?></dt><dd><?cs var:Lang.orders.next[Page.order.state].text ?></dd></div><?cs
  if:Page.now.since ?>
        <div class="dl-row"><dt><?cs var:Lang.orders.detail.since ?></dt><dd><?cs var:Page.now.since ?></dd></div><?cs /if ?>
      </dl><?cs
  # A payment's "reason" is the gateway's trace (method, trade numbers) for staff, not a reason to show here. ?><?cs
  if:Page.now.reason && Page.order.state != "production" ?>
      <div class="alert alert-<?cs if:Page.order.state == "rejected" ?>error<?cs else ?>info<?cs /if ?> status-reason" role="status"><strong><?cs var:Lang.orders.detail.reason ?><?cs var:Lang.form.label_sep ?></strong><?cs var:Page.now.reason ?></div><?cs
  /if ?><?cs
  if:Page.now.deadline ?>
      <p class="status-deadline"><?cs var:Lang.orders.detail.deadline_before ?> <strong><?cs var:Page.now.deadline ?></strong> <?cs var:Lang.orders.detail.deadline_after ?></p><?cs
  /if ?><?cs
  if:Page.actions.edit || Page.actions.deposit || Page.actions.pay || Page.actions.address || Page.actions.cancel ?>
      <div class="actions status-actions" aria-label="<?cs var:Lang.orders.detail.actions ?>"><?cs call:order_actions() ?>
      </div><?cs
  /if ?>
    </div>

    <div class="card">
      <h2 class="card-title"><?cs var:Lang.orders.detail.timeline ?></h2><?cs
  if:subcount(Page.events) > 0 ?>
      <ol class="timeline"><?cs
    each:e = Page.events ?>
        <li class="timeline-item<?cs if:e.to ?> timeline-<?cs var:e.to ?><?cs /if ?>" data-event="<?cs var:e.event ?>">
          <time class="timeline-time"><?cs var:e.at ?></time>
          <p class="timeline-what"><?cs
      if:Lang.orders.event[e.event] ?><?cs var:Lang.orders.event[e.event] ?><?cs
      elif:e.to ?><?cs var:Lang.state[e.to] ?><?cs
      else ?><?cs var:Lang.orders.event.other ?><?cs /if ?><?cs
      if:e.to && e.to != e.from ?> <?cs call:status_badge(e.to, "") ?><?cs /if ?></p>
          <p class="timeline-who muted"><?cs var:Lang.orders.actor[e.actor] ?></p><?cs
      if:e.reason && e.event != "paid" ?>
          <p class="timeline-reason"><?cs var:Lang.orders.detail.reason ?><?cs var:Lang.form.label_sep ?><?cs var:e.reason ?></p><?cs /if ?>
        </li><?cs
    /each ?>
      </ol><?cs
  else ?>
      <p class="muted"><?cs var:Lang.orders.detail.timeline_empty ?></p><?cs
  /if ?>
    </div>

    <div class="card">
      <h2 class="card-title"><?cs var:Lang.orders.detail.shipping ?></h2>
      <dl class="dl">
        <div class="dl-row"><dt><?cs var:Lang.orders.detail.tracking_no ?></dt><dd><?cs
  if:Page.order.tracking_no ?><span class="mono" data-tracking-no="<?cs var:Page.order.tracking_no ?>"><?cs var:Page.order.tracking_no ?></span><?cs
  else ?><span class="muted"><?cs var:Lang.orders.detail.tracking_none ?></span><?cs /if ?></dd></div><?cs
  call:kv(Lang.order.label.ship_name, Page.order.ship_name) ?><?cs
  call:kv(Lang.order.label.ship_address, Page.order.ship_address) ?><?cs
  call:kv(Lang.order.label.ship_phone, Page.order.ship_phone) ?>
      </dl><?cs
  if:Page.actions.address ?>
      <p class="card-foot"><a href="/orders/<?cs var:Page.order.no ?>/address"><?cs var:Lang.orders.action.address ?></a></p><?cs /if ?>
    </div><?cs
  # Certificates (SPEC §8): filled by fulfilment once produced, as Page.certificates.N.{serial,role,valid_from,valid_to}.
  ?><?cs
  if:subcount(Page.certificates) > 0 ?>
    <div class="card" id="certificates">
      <h2 class="card-title"><?cs var:Lang.orders.detail.certificates ?></h2>
      <div class="table-wrap">
        <table class="table">
          <thead><tr><th scope="col"><?cs var:Lang.orders.detail.cert_serial ?></th><th scope="col"><?cs var:Lang.orders.detail.cert_role ?></th><th scope="col"><?cs var:Lang.orders.detail.cert_valid ?></th></tr></thead>
          <tbody><?cs
    each:c = Page.certificates ?>
            <tr><td data-label="<?cs var:Lang.orders.detail.cert_serial ?>" class="mono"><?cs var:c.serial ?></td><td data-label="<?cs var:Lang.orders.detail.cert_role ?>"><?cs var:c.role ?></td><td data-label="<?cs var:Lang.orders.detail.cert_valid ?>"><?cs var:c.valid_from ?> <?cs var:Lang.orders.detail.cert_valid_sep ?> <?cs var:c.valid_to ?></td></tr><?cs
    /each ?>
          </tbody>
        </table>
      </div>
    </div><?cs
  /if ?><?cs
  # The e-invoice (SPEC §8): filled by fulfilment once issued, as Page.invoice.{no,issued_at,url,xml_url}.
  ?><?cs
  if:Page.invoice.no ?>
    <div class="card" id="invoice">
      <h2 class="card-title"><?cs var:Lang.orders.detail.invoice ?></h2>
      <dl class="dl"><?cs
    call:kv(Lang.orders.detail.invoice_no, Page.invoice.no) ?><?cs
    call:kv(Lang.orders.detail.invoice_issued, Page.invoice.issued_at) ?>
      </dl>
      <p class="actions"><?cs
    if:Page.invoice.url ?><a class="btn btn-secondary btn-sm" href="<?cs var:Page.invoice.url ?>"><?cs var:Lang.orders.detail.invoice_view ?></a><?cs /if ?><?cs
    if:Page.invoice.xml_url ?><a class="btn btn-ghost btn-sm" href="<?cs var:Page.invoice.xml_url ?>"><?cs var:Lang.orders.detail.invoice_xml ?></a><?cs /if ?></p>
    </div><?cs
  /if ?>

    <div class="card">
      <h2 class="card-title"><?cs var:Lang.order.section.cert ?></h2>
      <dl class="dl"><?cs
  call:kv(Lang.orders.col.project, Page.project.name) ?><?cs
  call:kv(Lang.orders.col.type, Lang.orders.type[Page.order.business_type]) ?><?cs
  if:Page.order.cert_type_name ?><?cs call:kv(Lang.order.label.cert_type, Page.order.cert_type_name) ?><?cs /if ?><?cs
  call:kv(Lang.order.label.years, Page.order.years) ?><?cs
  call:kv(Lang.order.label.quantity, Page.order.quantity) ?><?cs
  if:Page.order.key_type_name ?><?cs call:kv(Lang.order.label.key_type, Page.order.key_type_name) ?><?cs /if ?>
        <div class="dl-row"><dt><?cs var:Lang.order.unit_price ?></dt><dd><?cs call:money(Page.order.unit_fen) ?></dd></div>
        <div class="dl-row"><dt><?cs var:Lang.order.total_price ?></dt><dd><strong><?cs call:money(Page.order.total_fen) ?></strong></dd></div><?cs
  call:kv(Lang.order.created_at, Page.order.created_at) ?>
      </dl>
    </div>

    <div class="card">
      <h2 class="card-title"><?cs var:Lang.order.section.org ?></h2>
      <dl class="dl"><?cs
  call:kv(Lang.order.label.org_name, Page.order.org_name) ?><?cs
  each:t = Lang.order.org_id_types ?><?cs if:t.value == Page.order.org_id_type ?><?cs call:kv(Lang.order.label.org_id_type, t.label) ?><?cs /if ?><?cs /each ?><?cs
  call:kv(Lang.order.label.org_id_no, Page.order.org_id_no) ?><?cs
  call:kv(Lang.order.label.legal_name, Page.order.legal_name) ?><?cs
  each:t = Lang.order.person_id_types ?><?cs if:t.value == Page.order.legal_id_type ?><?cs call:kv(Lang.order.label.legal_id_type, t.label) ?><?cs /if ?><?cs /each ?><?cs
  call:kv(Lang.order.label.legal_id_no, Page.order.legal_id_no) ?><?cs
  if:Page.project.requires_uid == "1" || Page.order.org_uid ?><?cs call:kv(Lang.order.label.org_uid, Page.order.org_uid) ?><?cs /if ?>
      </dl>
    </div>

    <div class="card">
      <h2 class="card-title"><?cs var:Lang.order.section.agent ?></h2>
      <dl class="dl"><?cs
  call:kv(Lang.order.label.agent_name, Page.order.agent_name) ?><?cs
  each:t = Lang.order.person_id_types ?><?cs if:t.value == Page.order.agent_id_type ?><?cs call:kv(Lang.order.label.agent_id_type, t.label) ?><?cs /if ?><?cs /each ?><?cs
  call:kv(Lang.order.label.agent_id_no, Page.order.agent_id_no) ?><?cs
  call:kv(Lang.order.label.agent_phone, Page.order.agent_phone) ?><?cs
  call:kv(Lang.order.label.agent_email, Page.order.agent_email) ?><?cs
  call:kv(Lang.order.label.agent_address, Page.order.agent_address) ?><?cs
  if:Page.order.agent_dept ?><?cs call:kv(Lang.order.label.agent_dept, Page.order.agent_dept) ?><?cs /if ?>
      </dl>
    </div>

    <div class="card">
      <h2 class="card-title"><?cs var:Lang.order.section.invoice ?></h2>
      <dl class="dl"><?cs
  call:kv(Lang.order.label.invoice_type, Lang.order.invoice_type) ?><?cs
  call:kv(Lang.order.label.invoice_title, Page.order.invoice_title) ?><?cs
  call:kv(Lang.order.label.invoice_tax_no, Page.order.invoice_tax_no) ?><?cs
  call:kv(Lang.order.label.invoice_address, Page.order.invoice_address) ?><?cs
  call:kv(Lang.order.label.invoice_bank, Page.order.invoice_bank) ?><?cs
  call:kv(Lang.order.label.invoice_account, Page.order.invoice_account) ?><?cs
  call:kv(Lang.order.label.invoice_phone, Page.order.invoice_phone) ?>
      </dl>
    </div><?cs
  if:subcount(Page.files) > 0 ?>

    <div class="card">
      <h2 class="card-title"><?cs var:Lang.orders.detail.files ?></h2>
      <p class="muted"><?cs var:Lang.orders.detail.files_hint ?></p>
      <ul class="thumbs"><?cs
    each:f = Page.files ?>
        <li class="thumb-item"><a href="<?cs var:f ?>" target="_blank" rel="noopener" data-file="<?cs var:name(f) ?>"><img src="<?cs var:f ?>" alt="" class="thumb" loading="lazy"><span class="thumb-label"><?cs var:Lang.order.label[name(f)] ?></span></a></li><?cs
    /each ?>
      </ul>
    </div><?cs
  /if ?>
  </div>
</section>
<?cs /def ?><?cs include:"layout.cs" ?>
