<?cs include:"macros.cs" ?><?cs
# admin/order.cs: one order for staff: every field in full (ID and account numbers opened: the view is
  audited), the images, the automated review's reasons, the timeline, and the review form.
  HDF: Page.order.*, Page.project.*, Page.files.<kind>, Page.review.{at,passed,reasons.N.{code,text}},
       Page.events.N.{at,actor_kind,actor,from,to,event,reason}, Page.can_review,
       Page.can_transfer, Page.transfer.{reference,amount_fen}, Page.form.*, Page.errors.*
?><?cs def:kv(label, value) ?><div class="dl-row"><dt><?cs var:label ?></dt><dd><?cs if:value ?><?cs var:value ?><?cs else ?><span class="muted">—</span><?cs /if ?></dd></div><?cs /def ?><?cs
def:kv_choice(label, node, value) ?><div class="dl-row"><dt><?cs var:label ?></dt><dd><?cs each:c = node ?><?cs if:c.value == value ?><?cs var:c.label ?><?cs /if ?><?cs /each ?></dd></div><?cs /def ?><?cs
def:page_body() ?>
<section class="section">
  <div class="container narrow" data-order-no="<?cs var:Page.order.no ?>" data-order-state="<?cs var:Page.order.state ?>">
    <p class="back-link"><a href="/admin/orders?state=<?cs var:url_escape(Page.order.state) ?>"><?cs var:Lang.admin.order.back ?></a></p>
    <div class="page-header">
      <h1 class="page-title"><?cs var:Page.order.org_name ?></h1>
      <p class="muted"><?cs var:Lang.order.no ?><?cs var:Lang.form.label_sep ?><span class="mono"><?cs var:Page.order.no ?></span> · <?cs call:status_badge(Page.order.state, "") ?> · <?cs var:Page.project.name ?></p>
    </div>
    <?cs call:error_summary(Page.errors) ?><?cs
  if:Page.order.state == "production" || Page.order.state == "shipped" || Page.order.state == "completed" ?>
    <p class="form-actions"><a class="btn btn-primary btn-sm" href="/admin/orders/<?cs var:Page.order.no ?>/fulfilment" data-action="fulfilment"><?cs var:Lang.admin.nav.fulfilment ?></a></p><?cs
  /if ?><?cs
  if:Page.review.at ?>
    <div class="card" data-review-passed="<?cs var:Page.review.passed ?>">
      <h2 class="card-title"><?cs var:Lang.admin.order.auto_review ?></h2>
      <p class="muted"><?cs var:Page.review.at ?></p><?cs
    if:Page.review.passed == "1" ?>
      <?cs call:alert("success", Lang.admin.order.auto_passed) ?><?cs
    else ?>
      <ul class="checklist review-reasons"><?cs
      each:x = Page.review.reasons ?>
        <li data-reason="<?cs var:x.code ?>"><?cs var:x.text ?></li><?cs
      /each ?>
      </ul><?cs
    /if ?>
    </div><?cs
  /if ?><?cs
  if:Page.can_transfer == "1" ?>
    <div class="card" id="transfer">
      <h2 class="card-title"><?cs var:Lang.admin.transfers.confirm_title ?></h2><?cs
    if:Page.transfer.reference ?>
      <p><?cs var:Lang.admin.transfers.reference ?><?cs var:Lang.form.label_sep ?><span class="mono" data-transfer-reference="<?cs var:Page.transfer.reference ?>"><?cs var:Page.transfer.reference ?></span> · <?cs call:money(Page.transfer.amount_fen) ?></p><?cs
    else ?>
      <p class="muted"><?cs var:Lang.admin.transfers.no_reference ?></p><?cs
    /if ?>
      <p class="muted"><?cs var:Lang.admin.transfers.confirm_hint ?></p>
      <form method="post" action="/admin/orders/<?cs var:url_escape(Page.order.no) ?>/transfer">
        <?cs call:csrf_field() ?>
        <div class="form-actions"><?cs call:submit_button(Lang.admin.transfers.confirm, "transfer", "primary") ?></div>
      </form>
    </div><?cs
  /if ?><?cs
  if:Page.can_review == "1" ?>
    <div class="card" id="review">
      <h2 class="card-title"><?cs var:Lang.admin.review.title ?></h2>
      <form method="post" action="/admin/orders/<?cs var:Page.order.no ?>/review" novalidate>
        <?cs call:csrf_field() ?>
        <?cs call:radio_field("decision", Lang.admin.review.decision, Page.form.decision, Page.errors.decision, Lang.admin.review.decisions, "", "1") ?>
        <div class="field<?cs if:Page.errors.reason_code ?> has-error<?cs /if ?>">
          <label class="field-label" for="f-reason_code"><?cs var:Lang.admin.review.preset ?></label>
          <div class="select-wrap">
            <select class="input select" id="f-reason_code" name="reason_code"<?cs call:describedby("reason_code", "", Page.errors.reason_code) ?>>
              <option value=""><?cs var:Lang.admin.review.no_preset ?></option><?cs
    each:p = Lang.admin.review.presets ?>
              <option value="<?cs var:name(p) ?>"<?cs if:Page.form.reason_code == name(p) ?> selected<?cs /if ?>><?cs var:p ?></option><?cs
    /each ?>
            </select>
          </div>
          <?cs call:field_error("reason_code", Page.errors.reason_code) ?>
        </div>
        <?cs call:textarea_field("reason", Lang.admin.review.reason, Page.form.reason, Page.errors.reason, Lang.admin.review.reason_hint, "") ?>
        <div class="form-actions"><?cs call:submit_button(Lang.admin.review.submit, "", "primary") ?></div>
      </form>
    </div><?cs
  /if ?>
    <div class="card">
      <h2 class="card-title"><?cs var:Lang.order.section.cert ?></h2>
      <dl class="dl"><?cs
  call:kv_choice(Lang.order.label.cert_type, Page.project.cert_types, Page.order.cert_type) ?><?cs
  call:kv(Lang.order.label.years, Page.order.years) ?><?cs
  call:kv(Lang.order.label.quantity, Page.order.quantity) ?><?cs
  call:kv_choice(Lang.order.label.key_type, Page.project.key_types, Page.order.key_type) ?>
        <div class="dl-row"><dt><?cs var:Lang.order.total_price ?></dt><dd><?cs call:money(Page.order.total_fen) ?></dd></div><?cs
  call:kv(Lang.order.created_at, Page.order.created_at) ?><?cs
  call:kv(Lang.admin.order.submitted_at, Page.order.submitted_at) ?>
      </dl>
    </div>
    <div class="card">
      <h2 class="card-title"><?cs var:Lang.order.section.org ?></h2>
      <dl class="dl" data-pii="full"><?cs
  call:kv(Lang.order.label.org_name, Page.order.org_name) ?><?cs
  call:kv_choice(Lang.order.label.org_id_type, Lang.order.org_id_types, Page.order.org_id_type) ?><?cs
  call:kv(Lang.order.label.org_id_no, Page.order.org_id_no) ?><?cs
  call:kv(Lang.order.label.legal_name, Page.order.legal_name) ?><?cs
  call:kv_choice(Lang.order.label.legal_id_type, Lang.order.person_id_types, Page.order.legal_id_type) ?><?cs
  call:kv(Lang.order.label.legal_id_no, Page.order.legal_id_no) ?><?cs
  call:kv(Lang.order.label.org_uid, Page.order.org_uid) ?><?cs
  call:kv(Lang.order.label.agent_name, Page.order.agent_name) ?><?cs
  call:kv_choice(Lang.order.label.agent_id_type, Lang.order.person_id_types, Page.order.agent_id_type) ?><?cs
  call:kv(Lang.order.label.agent_id_no, Page.order.agent_id_no) ?><?cs
  call:kv(Lang.order.label.agent_phone, Page.order.agent_phone) ?><?cs
  call:kv(Lang.order.label.agent_email, Page.order.agent_email) ?><?cs
  call:kv(Lang.order.label.agent_address, Page.order.agent_address) ?><?cs
  call:kv(Lang.order.label.agent_dept, Page.order.agent_dept) ?><?cs
  call:kv(Lang.admin.order.same_person, Lang.admin.yesno[Page.order.same_person]) ?>
      </dl>
    </div>
    <div class="card">
      <h2 class="card-title"><?cs var:Lang.admin.order.images ?></h2><?cs
  if:subcount(Page.files) > 0 ?>
      <div class="thumbs"><?cs
    each:f = Page.files ?>
        <figure data-file="<?cs var:name(f) ?>"><a href="<?cs var:f ?>" target="_blank" rel="noopener"><img src="<?cs var:f ?>" alt="<?cs var:Lang.order.label[name(f)] ?>" class="thumb"></a>
          <figcaption class="small"><?cs var:Lang.order.label[name(f)] ?></figcaption></figure><?cs
    /each ?>
      </div><?cs
  else ?>
      <p class="muted"><?cs var:Lang.admin.order.no_images ?></p><?cs
  /if ?>
    </div>
    <div class="card">
      <h2 class="card-title"><?cs var:Lang.order.section.invoice ?></h2>
      <dl class="dl" data-pii="full"><?cs
  call:kv(Lang.order.label.invoice_title, Page.order.invoice_title) ?><?cs
  call:kv(Lang.order.label.invoice_tax_no, Page.order.invoice_tax_no) ?><?cs
  call:kv(Lang.order.label.invoice_address, Page.order.invoice_address) ?><?cs
  call:kv(Lang.order.label.invoice_bank, Page.order.invoice_bank) ?><?cs
  call:kv(Lang.order.label.invoice_account, Page.order.invoice_account) ?><?cs
  call:kv(Lang.order.label.invoice_phone, Page.order.invoice_phone) ?><?cs
  call:kv(Lang.order.label.ship_name, Page.order.ship_name) ?><?cs
  call:kv(Lang.order.label.ship_address, Page.order.ship_address) ?><?cs
  call:kv(Lang.order.label.ship_phone, Page.order.ship_phone) ?>
      </dl>
    </div>
    <div class="card">
      <h2 class="card-title"><?cs var:Lang.admin.order.timeline ?></h2>
      <ol class="timeline"><?cs
  each:e = Page.events ?>
        <li class="timeline-item<?cs if:e.to ?> timeline-<?cs var:e.to ?><?cs /if ?>" data-event="<?cs var:e.event ?>">
          <time class="timeline-time"><?cs var:e.at ?></time>
          <p class="timeline-what"><?cs
    if:Lang.orders.event[e.event] ?><?cs var:Lang.orders.event[e.event] ?><?cs
    elif:e.to ?><?cs var:Lang.state[e.to] ?><?cs
    else ?><?cs var:e.event ?><?cs /if ?><?cs
    if:e.to && e.to != e.from ?> <?cs call:status_badge(e.to, "") ?><?cs /if ?></p>
          <p class="timeline-who muted"><?cs var:Lang.admin.actor[e.actor_kind] ?><?cs if:e.actor ?> <?cs var:e.actor ?><?cs /if ?></p><?cs
    if:e.reason ?>
          <p class="timeline-reason"><?cs var:e.reason ?></p><?cs /if ?>
        </li><?cs
  /each ?>
      </ol>
    </div>
  </div>
</section>
<?cs /def ?><?cs include:"admin/layout.cs" ?>
