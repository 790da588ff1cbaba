<?cs include:"macros.cs" ?><?cs
# admin/transfers.cs: finance's queue (对公转账待确认): orders awaiting payment whose open payment is a
  transfer, the oldest first; the receipt is confirmed on the order's page.
  HDF: Page.transfers.N.{no, org_name, project, reference, amount_fen, at}, Page.total
?><?cs def:page_body() ?>
<section class="section">
  <div class="container">
    <header class="page-header"><h1 class="page-title"><?cs var:Lang.admin.transfers.title ?></h1>
      <p class="muted"><?cs var:Lang.admin.transfers.lead ?></p></header><?cs
  if:subcount(Page.transfers) > 0 ?>
    <div class="table-wrap">
      <table class="table" data-queue="transfers">
        <thead><tr>
          <th scope="col"><?cs var:Lang.order.no ?></th>
          <th scope="col"><?cs var:Lang.admin.transfers.org ?></th>
          <th scope="col"><?cs var:Lang.admin.col.project ?></th>
          <th scope="col"><?cs var:Lang.admin.transfers.reference ?></th>
          <th scope="col"><?cs var:Lang.admin.transfers.amount ?></th>
          <th scope="col"><?cs var:Lang.admin.transfers.at ?></th>
        </tr></thead>
        <tbody><?cs
    each:t = Page.transfers ?>
          <tr data-order-no="<?cs var:t.no ?>" data-transfer-reference="<?cs var:t.reference ?>">
            <td><a class="mono" href="/admin/orders/<?cs var:url_escape(t.no) ?>#transfer"><?cs var:t.no ?></a></td>
            <td><?cs var:t.org_name ?></td>
            <td><?cs var:t.project ?></td>
            <td class="mono"><?cs var:t.reference ?></td>
            <td><?cs call:money(t.amount_fen) ?></td>
            <td class="nowrap"><?cs var:t.at ?></td>
          </tr><?cs
    /each ?>
        </tbody>
      </table>
    </div><?cs
  else ?>
    <?cs call:empty_state(Lang.admin.transfers.none, "", "", "") ?><?cs
  /if ?>
  </div>
</section>
<?cs /def ?><?cs include:"admin/layout.cs" ?>
