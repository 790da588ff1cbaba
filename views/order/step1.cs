<?cs include:"macros.cs" ?><?cs include:"order/macros.cs" ?><?cs
# order/step1.cs: ① 证书信息 — certificate type, years, quantity, key type, live price.
  New orders post to /orders (with the project code), drafts to /orders/{no}/edit?step=1.
?><?cs
# The tab says which step this is: 证书信息 - 中企云链证书申请项目 - (site).
?><?cs set:Page.title = Lang.steps.1 + " - " + Page.project.name ?><?cs def:page_body() ?>
<section class="section">
  <div class="container narrow">
    <?cs call:wizard_top(1) ?>
    <form class="card" method="post" action="<?cs if:Page.order.no ?>/orders/<?cs var:Page.order.no ?>/edit?step=1<?cs else ?>/orders<?cs /if ?>" data-live-price novalidate>
      <?cs call:csrf_field() ?><?cs call:wizard_enter(1) ?><?cs
  if:!Page.order.no ?>
      <input type="hidden" name="project" value="<?cs var:Page.project.code ?>"><?cs /if ?>
      <h2 class="form-section-title"><?cs var:Lang.order.section.cert ?></h2>
      <div class="form-grid">
        <?cs call:radio_field("cert_type", Lang.order.label.cert_type, Page.form.cert_type, Page.errors.cert_type, Page.project.cert_types, "", "1") ?>
        <?cs call:select_field("years", Lang.order.label.years, Page.form.years, Page.errors.years, Page.project.years, "", "1") ?><?cs
  if:Page.project.qty_fixed == "1" ?>
        <div class="field">
          <span class="field-label"><?cs var:Lang.order.label.quantity ?></span>
          <p class="fixed-value"><strong data-quantity="<?cs var:Page.project.qty_min ?>"><?cs var:Page.project.qty_min ?></strong> <?cs var:Lang.order.quantity_fixed ?><?cs
    if:subcount(Page.project.roles) > 0 ?>（<?cs each:role = Page.project.roles ?><?cs if:name(role) != "0" ?>、<?cs /if ?><?cs var:role ?><?cs /each ?>）<?cs /if ?></p>
          <input type="hidden" name="quantity" value="<?cs var:Page.project.qty_min ?>">
          <?cs call:field_error("quantity", Page.errors.quantity) ?>
        </div><?cs
  else ?>
        <?cs call:select_field("quantity", Lang.order.label.quantity, Page.form.quantity, Page.errors.quantity, Page.project.quantities, "", "1") ?><?cs
  /if ?>
        <?cs call:radio_field("key_type", Lang.order.label.key_type, Page.form.key_type, Page.errors.key_type, Page.project.key_types, "", "1") ?>
      </div>
      <div class="price-box" aria-live="polite"><?cs
  if:Page.order.no ?>
        <p><?cs var:Lang.order.unit_price ?><?cs var:Lang.form.label_sep ?><span data-price-unit><?cs call:money(Page.order.unit_fen) ?></span></p>
        <p class="price-total"><?cs var:Lang.order.total_price ?><?cs var:Lang.form.label_sep ?><span data-price-total><?cs call:money(Page.order.total_fen) ?></span></p><?cs
  else ?>
        <p><?cs var:Lang.order.unit_price ?><?cs var:Lang.form.label_sep ?><span data-price-unit><?cs var:Lang.order.price_after_choice ?></span></p>
        <p class="price-total"><?cs var:Lang.order.total_price ?><?cs var:Lang.form.label_sep ?><span data-price-total><?cs var:Lang.order.price_after_choice ?></span></p><?cs
  /if ?>
        <p class="field-hint"><?cs var:Lang.order.price_note ?></p>
      </div>
<?cs call:wizard_actions(1) ?>
    </form>
  </div>
</section>
<?cs /def ?><?cs include:"layout.cs" ?>
