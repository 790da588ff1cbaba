<?cs include:"macros.cs" ?><?cs include:"order/macros.cs" ?><?cs
# order/cancel.cs: 取消订单 — the confirmation step, a page of its own so that it works without JavaScript
  (no data-confirm dialog on top: this page already asks), or, with Page.refused, why it cannot be cancelled now.
?><?cs def:page_body() ?>
<section class="section">
  <div class="container narrow">
    <?cs call:order_header() ?>
    <div class="card"><?cs
  if:Page.refused ?>
      <h2 class="card-title"><?cs var:Lang.orders.cancel.title ?></h2>
      <?cs call:alert("warning", Page.refused) ?>
      <p class="actions"><a class="btn btn-secondary" href="/orders/<?cs var:Page.order.no ?>"><?cs var:Lang.orders.back_order ?></a></p><?cs
  else ?>
      <h2 class="card-title"><?cs var:Lang.orders.cancel.question ?></h2>
      <p><?cs var:Lang.orders.cancel.text ?></p>
      <dl class="dl">
        <div class="dl-row"><dt><?cs var:Lang.orders.col.project ?></dt><dd><?cs var:Page.project.name ?></dd></div>
        <div class="dl-row"><dt><?cs var:Lang.order.created_at ?></dt><dd><?cs var:Page.order.created_at ?></dd></div>
        <div class="dl-row"><dt><?cs var:Lang.order.total_price ?></dt><dd><?cs call:money(Page.order.total_fen) ?></dd></div>
      </dl>
      <form class="form-actions" method="post" action="/orders/<?cs var:Page.order.no ?>/cancel">
        <?cs call:csrf_field() ?>
        <input type="hidden" name="version" value="<?cs var:Page.order.version ?>">
        <a class="btn btn-secondary" href="/orders/<?cs var:Page.order.no ?>"><?cs var:Lang.orders.cancel.back ?></a>
        <span class="spacer"></span>
        <?cs call:submit_button(Lang.orders.cancel.confirm, "", "danger") ?>
      </form><?cs
  /if ?>
    </div>
  </div>
</section>
<?cs /def ?><?cs include:"layout.cs" ?>
