<?cs # order/invoice-doc.cs: the e-invoice as a readable document, def:invoice_document(), shared by the
  applicant's page (order/invoice.cs) and the staff console's (admin/invoice.cs). Include it after
  macros.cs and before def:page_body(). Everything shown comes from the stored XML as issued.
  HDF: Page.inv.{number, issued_at, type, seller.*, buyer.*, lines.N.{name, spec, unit, quantity,
  unit_price, amount, rate, tax, price}, amount, tax, total, total_words, drawer, remark}, Page.xml_url,
  Page.order.no
?><?cs def:invoice_party(title, p) ?>
      <div class="invoice-party">
        <h2 class="card-title"><?cs var:title ?></h2>
        <dl class="dl">
          <div class="dl-row"><dt><?cs var:Lang.fulfil.invoice.name ?></dt><dd><?cs var:p.name ?></dd></div>
          <div class="dl-row"><dt><?cs var:Lang.fulfil.invoice.tax_no ?></dt><dd class="mono"><?cs var:p.tax_no ?></dd></div>
          <div class="dl-row"><dt><?cs var:Lang.fulfil.invoice.address ?></dt><dd><?cs var:p.address ?> <?cs var:p.phone ?></dd></div>
          <div class="dl-row"><dt><?cs var:Lang.fulfil.invoice.bank ?></dt><dd><?cs var:p.bank ?> <span class="mono"><?cs var:p.account ?></span></dd></div>
        </dl>
      </div><?cs
/def ?><?cs
def:invoice_document() ?>
    <article class="card invoice" data-invoice-no="<?cs var:Page.inv.number ?>" data-order-no="<?cs var:Page.order.no ?>">
      <header class="invoice-head">
        <h1 class="page-title"><?cs var:Lang.fulfil.invoice.heading ?></h1>
        <dl class="dl">
          <div class="dl-row"><dt><?cs var:Lang.fulfil.invoice.number ?></dt><dd class="mono" data-invoice-number><?cs var:Page.inv.number ?></dd></div>
          <div class="dl-row"><dt><?cs var:Lang.fulfil.invoice.issued_at ?></dt><dd><?cs var:Page.inv.issued_at ?></dd></div>
        </dl>
      </header>
      <div class="invoice-parties"><?cs
  call:invoice_party(Lang.fulfil.invoice.buyer, Page.inv.buyer) ?><?cs
  call:invoice_party(Lang.fulfil.invoice.seller, Page.inv.seller) ?>
      </div>
      <div class="table-wrap">
        <table class="table invoice-lines">
          <thead><tr>
            <th scope="col"><?cs var:Lang.fulfil.invoice.item ?></th>
            <th scope="col"><?cs var:Lang.fulfil.invoice.spec ?></th>
            <th scope="col"><?cs var:Lang.fulfil.invoice.unit ?></th>
            <th scope="col" class="num"><?cs var:Lang.fulfil.invoice.quantity ?></th>
            <th scope="col" class="num"><?cs var:Lang.fulfil.invoice.unit_price ?></th>
            <th scope="col" class="num"><?cs var:Lang.fulfil.invoice.amount ?></th>
            <th scope="col" class="num"><?cs var:Lang.fulfil.invoice.rate ?></th>
            <th scope="col" class="num"><?cs var:Lang.fulfil.invoice.tax ?></th>
          </tr></thead>
          <tbody><?cs
  each:l = Page.inv.lines ?>
            <tr>
              <td data-label="<?cs var:Lang.fulfil.invoice.item ?>"><?cs var:l.name ?></td>
              <td data-label="<?cs var:Lang.fulfil.invoice.spec ?>"><?cs var:l.spec ?></td>
              <td data-label="<?cs var:Lang.fulfil.invoice.unit ?>"><?cs var:l.unit ?></td>
              <td data-label="<?cs var:Lang.fulfil.invoice.quantity ?>" class="num"><?cs var:l.quantity ?></td>
              <td data-label="<?cs var:Lang.fulfil.invoice.unit_price ?>" class="num"><?cs var:l.unit_price ?></td>
              <td data-label="<?cs var:Lang.fulfil.invoice.amount ?>" class="num"><?cs var:l.amount ?></td>
              <td data-label="<?cs var:Lang.fulfil.invoice.rate ?>" class="num"><?cs var:l.rate ?></td>
              <td data-label="<?cs var:Lang.fulfil.invoice.tax ?>" class="num"><?cs var:l.tax ?></td>
            </tr><?cs
  /each ?>
          </tbody>
          <tfoot><tr>
            <th scope="row" colspan="5"><?cs var:Lang.fulfil.invoice.total ?></th>
            <td class="num">¥<?cs var:Page.inv.amount ?></td>
            <td></td>
            <td class="num">¥<?cs var:Page.inv.tax ?></td>
          </tr></tfoot>
        </table>
      </div>
      <dl class="dl invoice-total">
        <div class="dl-row"><dt><?cs var:Lang.fulfil.invoice.total_words ?></dt><dd><strong><?cs var:Page.inv.total_words ?></strong> <?cs var:Lang.fulfil.invoice.total_figures ?> <span class="money" data-invoice-total>¥<?cs var:Page.inv.total ?></span></dd></div>
        <div class="dl-row"><dt><?cs var:Lang.fulfil.invoice.remark ?></dt><dd><?cs var:Page.inv.remark ?></dd></div>
        <div class="dl-row"><dt><?cs var:Lang.fulfil.invoice.drawer ?></dt><dd><?cs var:Page.inv.drawer ?></dd></div>
      </dl>
      <p class="form-actions"><a class="btn btn-secondary" href="<?cs var:Page.xml_url ?>" download="invoice-<?cs var:Page.inv.number ?>.xml"><?cs var:Lang.fulfil.invoice.download ?></a></p>
    </article><?cs
/def ?>
