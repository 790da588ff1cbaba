<?cs include:"macros.cs" ?><?cs include:"order/macros.cs" ?><?cs
# order/address.cs: 修改收件地址 — the shipping fields of step ③ on their own, until a tracking number exists;
  with Page.refused, why the address cannot change any more.
?><?cs def:page_body() ?>
<section class="section">
  <div class="container narrow">
    <?cs call:order_header() ?><?cs
  if:Page.refused ?>
    <div class="card">
      <h2 class="card-title"><?cs var:Lang.orders.address.title ?></h2>
      <?cs call:alert("warning", Page.refused) ?><?cs
    if:Page.order.tracking_no ?>
      <dl class="dl"><div class="dl-row"><dt><?cs var:Lang.orders.detail.tracking_no ?></dt><dd class="mono"><?cs var:Page.order.tracking_no ?></dd></div></dl><?cs
    /if ?>
      <p class="actions"><a class="btn btn-secondary" href="/orders/<?cs var:Page.order.no ?>"><?cs var:Lang.orders.back_order ?></a></p>
    </div><?cs
  else ?>
    <?cs call:error_summary(Page.errors) ?>
    <form class="card" method="post" action="/orders/<?cs var:Page.order.no ?>/address" novalidate>
      <h2 class="card-title"><?cs var:Lang.orders.address.title ?></h2>
      <p class="muted"><?cs var:Lang.orders.address.lead ?></p>
      <?cs call:csrf_field() ?>
      <input type="hidden" name="version" value="<?cs var:Page.order.version ?>">
      <?cs call:ship_fields() ?>
      <div class="form-actions">
        <a class="btn btn-secondary" href="/orders/<?cs var:Page.order.no ?>"><?cs var:Lang.orders.back_order ?></a>
        <span class="spacer"></span>
        <?cs call:submit_button(Lang.orders.address.save, "", "") ?>
      </div>
    </form><?cs
  /if ?>
  </div>
</section>
<?cs /def ?><?cs include:"layout.cs" ?>
