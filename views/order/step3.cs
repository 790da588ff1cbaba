<?cs include:"macros.cs" ?><?cs include:"order/macros.cs" ?><?cs
# order/step3.cs: ③ 发票信息 — e-invoice and shipping; 【确认提交】 submits the order.
?><?cs
# The tab says which step this is: 证书信息 - 中企云链证书申请项目 - (site).
?><?cs set:Page.title = Lang.steps.3 + " - " + Page.project.name ?><?cs def:page_body() ?>
<section class="section">
  <div class="container narrow">
    <?cs call:wizard_top(3) ?>
    <form class="card" method="post" action="/orders/<?cs var:Page.order.no ?>/edit?step=3" novalidate>
      <?cs call:csrf_field() ?><?cs call:wizard_enter(3) ?>
      <h2 class="form-section-title"><?cs var:Lang.order.section.invoice ?></h2>
      <div class="form-grid">
        <div class="field">
          <span class="field-label"><?cs var:Lang.order.label.invoice_type ?></span>
          <p class="fixed-value"><?cs var:Lang.order.invoice_type ?></p>
        </div>
        <?cs call:text_field("invoice_title", Lang.order.label.invoice_title, Page.form.invoice_title, Page.errors.invoice_title, "", "organization", "", "1") ?>
        <?cs call:text_field("invoice_tax_no", Lang.order.label.invoice_tax_no, Page.form.invoice_tax_no, Page.errors.invoice_tax_no, "code", "off", "", "1") ?>
        <?cs call:text_field("invoice_phone", Lang.order.label.invoice_phone, Page.form.invoice_phone, Page.errors.invoice_phone, "tel", "tel", "", "1") ?>
        <div class="field-full"><?cs call:text_field("invoice_address", Lang.order.label.invoice_address, Page.form.invoice_address, Page.errors.invoice_address, "", "off", "", "1") ?></div>
        <?cs call:text_field("invoice_bank", Lang.order.label.invoice_bank, Page.form.invoice_bank, Page.errors.invoice_bank, "", "off", "", "1") ?>
        <?cs call:text_field("invoice_account", Lang.order.label.invoice_account, Page.form.invoice_account, Page.errors.invoice_account, "numeric", "off", "", "1") ?>
      </div>
      <h2 class="form-section-title"><?cs var:Lang.order.section.ship ?></h2>
      <?cs call:ship_fields() ?>
      <div class="price-box">
        <p class="price-total"><?cs var:Lang.order.total_price ?><?cs var:Lang.form.label_sep ?><?cs call:money(Page.order.total_fen) ?></p>
      </div>
<?cs call:wizard_actions(3) ?>
    </form>
  </div>
</section>
<?cs /def ?><?cs include:"layout.cs" ?>
