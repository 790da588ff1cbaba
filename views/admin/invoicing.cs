<?cs include:"macros.cs" ?><?cs
# admin/invoicing.cs: finance's queue (待开票): shipped orders without an invoice, longest shipped first.
  HDF: Page.orders.N.{no, project, invoice_title, total_fen, tracking_no, shipped_at}
?><?cs def:page_body() ?>
<section class="section">
  <div class="container">
    <header class="page-header"><h1 class="page-title"><?cs var:Lang.fulfil.queue.invoicing_title ?></h1></header><?cs
  if:subcount(Page.orders) > 0 ?>
    <div class="table-wrap">
      <table class="table">
        <thead><tr>
          <th scope="col"><?cs var:Lang.order.no ?></th>
          <th scope="col"><?cs var:Lang.order.label.invoice_title ?></th>
          <th scope="col"><?cs var:Lang.admin.col.project ?></th>
          <th scope="col"><?cs var:Lang.order.total_price ?></th>
          <th scope="col"><?cs var:Lang.fulfil.queue.shipped_at ?></th>
        </tr></thead>
        <tbody><?cs
    each:o = Page.orders ?>
          <tr data-order-no="<?cs var:o.no ?>" data-order-state="shipped">
            <td><a class="mono" href="/admin/orders/<?cs var:o.no ?>/fulfilment#invoice"><?cs var:o.no ?></a></td>
            <td><?cs var:o.invoice_title ?></td>
            <td><?cs var:o.project ?></td>
            <td><?cs call:money(o.total_fen) ?></td>
            <td class="nowrap"><?cs var:o.shipped_at ?></td>
          </tr><?cs
    /each ?>
        </tbody>
      </table>
    </div><?cs
  else ?>
    <?cs call:empty_state(Lang.fulfil.queue.invoicing_none, "", "", "") ?><?cs
  /if ?>
  </div>
</section>
<?cs /def ?><?cs include:"admin/layout.cs" ?>
