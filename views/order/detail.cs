<?cs include:"macros.cs" ?><?cs include:"order/macros.cs" ?><?cs
# order/detail.cs: one order: state, choices, organisation, agent, invoice and shipping (numbers masked).
?><?cs def:kv(label, value) ?><div class="dl-row"><dt><?cs var:label ?></dt><dd><?cs var:value ?></dd></div><?cs /def ?><?cs
def:page_body() ?>
<section class="section">
  <div class="container narrow" data-order-no="<?cs var:Page.order.no ?>" data-order-state="<?cs var:Page.order.state ?>">
    <div class="page-header">
      <h1 class="page-title"><?cs var:Page.project.name ?></h1>
      <p class="muted"><?cs var:Lang.order.no ?><?cs var:Lang.form.label_sep ?><span class="mono"><?cs var:Page.order.no ?></span> · <?cs call:status_badge(Page.order.state, "") ?></p>
    </div><?cs
  if:Page.order.state == "manual_review" ?><?cs call:alert("info", Lang.order.submitted_note) ?><?cs /if ?><?cs
  if:Page.order.editable == "1" ?>
    <p class="actions"><a class="btn btn-primary" href="/orders/<?cs var:Page.order.no ?>/edit?step=1"><?cs var:Lang.order.edit ?></a></p><?cs /if ?>
    <div class="card">
      <h2 class="card-title"><?cs var:Lang.order.section.cert ?></h2>
      <dl class="dl"><?cs
  each:t = Page.project.cert_types ?><?cs if:t.value == Page.order.cert_type ?><?cs call:kv(Lang.order.label.cert_type, t.label) ?><?cs /if ?><?cs /each ?><?cs
  call:kv(Lang.order.label.years, Page.order.years) ?><?cs
  call:kv(Lang.order.label.quantity, Page.order.quantity) ?><?cs
  each:k = Page.project.key_types ?><?cs if:k.value == Page.order.key_type ?><?cs call:kv(Lang.order.label.key_type, k.label) ?><?cs /if ?><?cs /each ?>
        <div class="dl-row"><dt><?cs var:Lang.order.total_price ?></dt><dd><?cs call:money(Page.order.total_fen) ?></dd></div><?cs
  call:kv(Lang.order.created_at, Page.order.created_at) ?>
      </dl>
    </div>
    <div class="card">
      <h2 class="card-title"><?cs var:Lang.order.section.org ?></h2>
      <dl class="dl"><?cs
  call:kv(Lang.order.label.org_name, Page.order.org_name) ?><?cs
  call:kv(Lang.order.label.org_id_no, Page.order.org_id_no) ?><?cs
  call:kv(Lang.order.label.legal_name, Page.order.legal_name) ?><?cs
  call:kv(Lang.order.label.legal_id_no, Page.masked.legal_id_no) ?><?cs
  call:kv(Lang.order.label.agent_name, Page.order.agent_name) ?><?cs
  call:kv(Lang.order.label.agent_id_no, Page.masked.agent_id_no) ?><?cs
  call:kv(Lang.order.label.agent_phone, Page.masked.agent_phone) ?><?cs
  call:kv(Lang.order.label.agent_email, Page.order.agent_email) ?>
      </dl><?cs
  if:subcount(Page.files) > 0 ?>
      <div class="thumbs"><?cs each:f = Page.files ?><a href="<?cs var:f ?>" target="_blank" rel="noopener"><img src="<?cs var:f ?>" alt="<?cs var:Lang.order.label[name(f)] ?>" class="thumb"></a><?cs /each ?></div><?cs
  /if ?>
    </div>
    <div class="card">
      <h2 class="card-title"><?cs var:Lang.order.section.invoice ?></h2>
      <dl class="dl"><?cs
  call:kv(Lang.order.label.invoice_title, Page.order.invoice_title) ?><?cs
  call:kv(Lang.order.label.invoice_tax_no, Page.order.invoice_tax_no) ?><?cs
  call:kv(Lang.order.label.invoice_account, Page.masked.invoice_account) ?><?cs
  call:kv(Lang.order.label.ship_name, Page.order.ship_name) ?><?cs
  call:kv(Lang.order.label.ship_address, Page.order.ship_address) ?><?cs
  call:kv(Lang.order.label.ship_phone, Page.masked.ship_phone) ?>
      </dl>
    </div>
  </div>
</section>
<?cs /def ?><?cs include:"layout.cs" ?>
