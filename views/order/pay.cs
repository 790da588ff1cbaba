<?cs include:"macros.cs" ?><?cs include:"order/macros.cs" ?><?cs
# order/pay.cs: 订单支付 (SPEC §7): the total, the method (支付宝/微信支付/银联在线/对公转账) → 【立即支付】;
  for a transfer the CA's account and the remittance reference.
  HDF: Page.order.*, Page.project.*, Page.payment.{out_trade_no,method,amount_fen,state,created_at} (newest),
  Page.transfer.{account_name,bank,account,reference}, Page.form.method, Page.errors.method.
?><?cs def:page_body() ?>
<section class="section">
  <div class="container narrow">
    <p class="back-link"><a href="/orders/<?cs var:Page.order.no ?>"><?cs var:Lang.pay.back ?></a></p>
    <?cs call:order_header() ?>
    <?cs call:error_summary(Page.errors) ?><?cs
  if:Page.order.state == "payment" ?><?cs
    if:Page.payment.state == "processing" ?>
    <div class="alert alert-info" role="status" data-payment-state="processing"><?cs var:Lang.pay.processing ?></div><?cs
    elif:Page.payment.state == "failed" ?><?cs call:alert("warning", Lang.pay.failed) ?><?cs
    /if ?>
    <form class="card" method="post" action="/orders/<?cs var:Page.order.no ?>/pay" novalidate>
      <?cs call:csrf_field() ?>
      <h2 class="card-title"><?cs var:Lang.pay.choose_title ?></h2>
      <div class="price-box">
        <p class="price-total"><?cs var:Lang.pay.amount ?><?cs var:Lang.form.label_sep ?><?cs call:money(Page.order.total_fen) ?></p>
      </div>
      <?cs call:radio_field("method", Lang.pay.label.method, Page.form.method, Page.errors.method, Lang.pay.methods, "", "1") ?>
      <div class="form-actions">
        <?cs call:submit_button(Lang.pay.button.pay, "", "") ?>
      </div>
    </form><?cs
    if:Page.transfer.reference ?>
    <div class="card" data-transfer-reference="<?cs var:Page.transfer.reference ?>">
      <h2 class="card-title"><?cs var:Lang.pay.transfer.title ?></h2>
      <p><?cs var:Lang.pay.transfer.lead ?></p>
      <dl class="dl">
        <div class="dl-row"><dt><?cs var:Lang.pay.transfer.account_name ?></dt><dd><?cs var:Page.transfer.account_name ?></dd></div>
        <div class="dl-row"><dt><?cs var:Lang.pay.transfer.bank ?></dt><dd><?cs var:Page.transfer.bank ?></dd></div>
        <div class="dl-row"><dt><?cs var:Lang.pay.transfer.account ?></dt><dd class="mono"><?cs var:Page.transfer.account ?></dd></div>
        <div class="dl-row"><dt><?cs var:Lang.pay.amount ?></dt><dd><?cs call:money(Page.order.total_fen) ?></dd></div>
        <div class="dl-row"><dt><?cs var:Lang.pay.transfer.reference ?></dt><dd><strong class="mono"><?cs var:Page.transfer.reference ?></strong></dd></div>
      </dl>
      <p class="muted"><?cs var:Lang.pay.transfer.note ?></p>
    </div><?cs
    /if ?><?cs
  elif:Page.order.state == "production" || Page.order.state == "shipped" || Page.order.state == "completed" ?>
    <?cs call:alert("success", Lang.pay.paid) ?><?cs
  else ?>
    <?cs call:alert("info", Lang.pay.not_now) ?>
    <?cs call:field_error("method", Page.errors.method) ?><?cs
  /if ?>
  </div>
</section>
<?cs /def ?><?cs include:"layout.cs" ?>
