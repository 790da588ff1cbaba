<?cs include:"macros.cs" ?><?cs
# admin/fulfilment.cs: one order's production, shipping and invoice (SPEC §8): certificates, the RA
  requests with their errors, the tracking number, the invoice, and the forms of the member's roles.
  HDF: Page.order.*, Page.project.*, Page.certificates.N.{position,role,serial,dn,valid_from,valid_to},
       Page.ra.N.{position,role,state,error,attempts,updated_at}, Page.invoice.{no,issued_at,total_fen,url,xml_url},
       Page.can_produce, Page.can_ship, Page.can_invoice, Page.form.tracking_no, Page.errors.tracking_no
?><?cs def:page_body() ?>
<section class="section">
  <div class="container narrow" data-order-no="<?cs var:Page.order.no ?>" data-order-state="<?cs var:Page.order.state ?>">
    <p class="back-link"><a href="/admin/orders/<?cs var:Page.order.no ?>"><?cs var:Lang.fulfil.back ?></a></p>
    <div class="page-header">
      <h1 class="page-title"><?cs var:Lang.fulfil.title ?></h1>
      <p class="muted"><?cs var:Page.order.org_name ?> · <span class="mono"><?cs var:Page.order.no ?></span> · <?cs call:status_badge(Page.order.state, "") ?> · <?cs var:Page.project.name ?> · <?cs var:Lang.order.label.quantity ?> <?cs var:Page.order.quantity ?></p>
    </div>
    <?cs call:error_summary(Page.errors) ?>
    <div class="card" id="certificates">
      <h2 class="card-title"><?cs var:Lang.fulfil.certificates ?></h2><?cs
  if:subcount(Page.certificates) > 0 ?>
      <div class="table-wrap">
        <table class="table">
          <thead><tr><th scope="col"><?cs var:Lang.fulfil.col.position ?></th><th scope="col"><?cs var:Lang.fulfil.col.role ?></th><th scope="col"><?cs var:Lang.fulfil.col.serial ?></th><th scope="col"><?cs var:Lang.fulfil.col.dn ?></th><th scope="col"><?cs var:Lang.fulfil.col.valid ?></th></tr></thead>
          <tbody><?cs
    each:c = Page.certificates ?>
            <tr data-certificate="<?cs var:c.position ?>"><td><?cs var:c.position ?></td><td><?cs var:c.role ?></td><td class="mono" data-serial><?cs var:c.serial ?></td><td class="mono small"><?cs var:c.dn ?></td><td class="nowrap"><?cs var:c.valid_from ?> – <?cs var:c.valid_to ?></td></tr><?cs
    /each ?>
          </tbody>
        </table>
      </div><?cs
  else ?>
      <p class="muted"><?cs var:Lang.fulfil.no_certificates ?></p><?cs
  /if ?><?cs
  if:subcount(Page.ra) > 0 ?>
      <h3 class="card-subtitle"><?cs var:Lang.fulfil.ra_title ?></h3>
      <div class="table-wrap">
        <table class="table">
          <thead><tr><th scope="col"><?cs var:Lang.fulfil.col.position ?></th><th scope="col"><?cs var:Lang.fulfil.col.state ?></th><th scope="col"><?cs var:Lang.fulfil.col.error ?></th><th scope="col"><?cs var:Lang.fulfil.col.attempts ?></th><th scope="col"><?cs var:Lang.fulfil.col.updated_at ?></th></tr></thead>
          <tbody><?cs
    each:q = Page.ra ?>
            <tr data-ra-state="<?cs var:q.state ?>"><td><?cs var:q.position ?> <?cs var:q.role ?></td><td><?cs var:Lang.fulfil.ra_state[q.state] ?></td><td<?cs if:q.error ?> class="field-error" data-ra-error<?cs /if ?>><?cs var:q.error ?></td><td><?cs var:q.attempts ?></td><td class="nowrap"><?cs var:q.updated_at ?></td></tr><?cs
    /each ?>
          </tbody>
        </table>
      </div><?cs
  /if ?><?cs
  if:Page.can_produce == "1" ?>
      <form method="post" action="/admin/orders/<?cs var:Page.order.no ?>/produce">
        <?cs call:csrf_field() ?>
        <p class="field-hint"><?cs var:Lang.fulfil.produce_hint ?></p>
        <div class="form-actions"><?cs if:subcount(Page.ra) > 0 ?><?cs call:submit_button(Lang.fulfil.produce_retry, "", "secondary") ?><?cs else ?><?cs call:submit_button(Lang.fulfil.produce, "", "primary") ?><?cs /if ?></div>
      </form><?cs
  /if ?>
    </div>
    <div class="card" id="shipping">
      <h2 class="card-title"><?cs var:Lang.fulfil.ship_title ?></h2><?cs
  if:Page.order.tracking_no ?>
      <p><?cs var:Lang.fulfil.shipped ?> <span class="mono" data-tracking-no="<?cs var:Page.order.tracking_no ?>"><?cs var:Page.order.tracking_no ?></span></p><?cs
  elif:Page.can_ship == "1" ?>
      <form method="post" action="/admin/orders/<?cs var:Page.order.no ?>/ship" novalidate>
        <?cs call:csrf_field() ?>
        <?cs call:text_field("tracking_no", Lang.fulfil.tracking_no, Page.form.tracking_no, Page.errors.tracking_no, "code", "off", Lang.fulfil.tracking_hint, "1") ?>
        <div class="form-actions"><?cs call:submit_button(Lang.fulfil.ship, "", "primary") ?></div>
      </form><?cs
  else ?>
      <p class="muted"><?cs var:Lang.state[Page.order.state] ?></p><?cs
  /if ?>
    </div>
    <div class="card" id="invoice">
      <h2 class="card-title"><?cs var:Lang.fulfil.invoice_title ?></h2><?cs
  if:Page.invoice.no ?>
      <p><?cs var:Lang.fulfil.invoice.number ?> <span class="mono" data-invoice-no="<?cs var:Page.invoice.no ?>"><?cs var:Page.invoice.no ?></span> · <?cs var:Page.invoice.issued_at ?> · <?cs call:money(Page.invoice.total_fen) ?></p>
      <p class="form-actions"><a class="btn btn-secondary btn-sm" href="<?cs var:Page.invoice.url ?>"><?cs var:Lang.fulfil.invoice_view ?></a> <a class="btn btn-ghost btn-sm" href="<?cs var:Page.invoice.xml_url ?>"><?cs var:Lang.fulfil.invoice_xml ?></a></p><?cs
  elif:Page.can_invoice == "1" ?>
      <form method="post" action="/admin/orders/<?cs var:Page.order.no ?>/invoice">
        <?cs call:csrf_field() ?>
        <p class="field-hint"><?cs var:Lang.fulfil.invoice_hint ?></p>
        <div class="form-actions"><?cs call:submit_button(Lang.fulfil.invoice_issue, "", "primary") ?></div>
      </form><?cs
  else ?>
      <p class="muted"><?cs var:Lang.fulfil.invoice_none ?></p><?cs
  /if ?>
    </div>
  </div>
</section>
<?cs /def ?><?cs include:"admin/layout.cs" ?>
