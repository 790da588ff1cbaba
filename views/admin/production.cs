<?cs include:"macros.cs" ?><?cs
# admin/production.cs: the operator's queue (待制作/待发货): paid orders, oldest first, with their certificates.
  HDF: Page.orders.N.{no, project, org_name, quantity, issued, queued, failed, updated_at}
?><?cs def:page_body() ?>
<section class="section">
  <div class="container">
    <header class="page-header"><h1 class="page-title"><?cs var:Lang.fulfil.queue.production_title ?></h1></header><?cs
  if:subcount(Page.orders) > 0 ?>
    <div class="table-wrap">
      <table class="table">
        <thead><tr>
          <th scope="col"><?cs var:Lang.order.no ?></th>
          <th scope="col"><?cs var:Lang.order.label.org_name ?></th>
          <th scope="col"><?cs var:Lang.admin.col.project ?></th>
          <th scope="col"><?cs var:Lang.fulfil.certificates ?></th>
          <th scope="col"><?cs var:Lang.fulfil.queue.paid_since ?></th>
        </tr></thead>
        <tbody><?cs
    each:o = Page.orders ?>
          <tr data-order-no="<?cs var:o.no ?>" data-order-state="production">
            <td><a class="mono" href="/admin/orders/<?cs var:o.no ?>/fulfilment"><?cs var:o.no ?></a></td>
            <td><?cs var:o.org_name ?></td>
            <td><?cs var:o.project ?></td>
            <td><?cs var:o.issued ?>/<?cs var:o.quantity ?> <?cs var:Lang.fulfil.queue.issued ?><?cs
      if:o.issued == o.quantity ?> · <span class="badge badge-shipped"><?cs var:Lang.fulfil.queue.ready ?></span><?cs /if ?><?cs
      if:o.queued > 0 ?> · <?cs var:o.queued ?> <?cs var:Lang.fulfil.queue.waiting ?><?cs /if ?><?cs
      if:o.failed > 0 ?> · <span class="field-error"><?cs var:o.failed ?> <?cs var:Lang.fulfil.queue.failed ?></span><?cs /if ?></td>
            <td class="nowrap"><?cs var:o.updated_at ?></td>
          </tr><?cs
    /each ?>
        </tbody>
      </table>
    </div><?cs
  else ?>
    <?cs call:empty_state(Lang.fulfil.queue.production_none, "", "", "") ?><?cs
  /if ?>
  </div>
</section>
<?cs /def ?><?cs include:"admin/layout.cs" ?>
