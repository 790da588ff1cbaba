<?cs include:"macros.cs" ?><?cs
# sandbox/cashier.cs: the sandbox payment gateway's cashier (only with Sandbox.enabled): pay or fail one payment.
  HDF: Page.payment.{out_trade_no,method,amount_fen,state,order_no,order_state,project_name}, Page.cashier_open,
  Page.errors.result. 支付成功 sends the gateway's signed notification (through the worker).
?><?cs def:page_body() ?>
<section class="section">
  <div class="container narrow">
    <div class="page-header">
      <h1 class="page-title"><?cs var:Lang.cashier.title ?></h1>
      <p class="page-lead"><?cs var:Lang.cashier.lead ?></p>
    </div>
    <?cs call:alert("warning", Lang.cashier.sandbox_note) ?>
    <div class="card" data-payment-state="<?cs var:Page.payment.state ?>" data-out-trade-no="<?cs var:Page.payment.out_trade_no ?>">
      <dl class="dl">
        <div class="dl-row"><dt><?cs var:Lang.cashier.merchant ?></dt><dd><?cs var:Site.ca_name ?></dd></div>
        <div class="dl-row"><dt><?cs var:Lang.cashier.subject ?></dt><dd><?cs var:Page.payment.project_name ?></dd></div>
        <div class="dl-row"><dt><?cs var:Lang.order.no ?></dt><dd class="mono"><?cs var:Page.payment.order_no ?></dd></div>
        <div class="dl-row"><dt><?cs var:Lang.cashier.trade_no ?></dt><dd class="mono"><?cs var:Page.payment.out_trade_no ?></dd></div>
        <div class="dl-row"><dt><?cs var:Lang.pay.label.method ?></dt><dd><?cs each:m = Lang.pay.methods ?><?cs if:m.value == Page.payment.method ?><?cs var:m.label ?><?cs /if ?><?cs /each ?></dd></div>
        <div class="dl-row"><dt><?cs var:Lang.pay.amount ?></dt><dd><?cs call:money(Page.payment.amount_fen) ?></dd></div>
      </dl><?cs
  if:Page.cashier_open == "1" ?>
      <form method="post" action="/sandbox/pay/<?cs var:Page.payment.out_trade_no ?>" novalidate>
        <?cs call:csrf_field() ?>
        <div class="form-actions">
          <button type="submit" class="btn btn-secondary" name="result" value="fail"><?cs var:Lang.cashier.fail ?></button>
          <span class="spacer"></span>
          <button type="submit" class="btn btn-primary" name="result" value="success"><?cs var:Lang.cashier.success ?></button>
        </div>
      </form><?cs
  else ?>
      <?cs call:alert("info", Lang.cashier.closed) ?><?cs
  /if ?>
      <?cs call:field_error("result", Page.errors.result) ?>
      <p class="card-foot"><a href="/orders/<?cs var:Page.payment.order_no ?>"><?cs var:Lang.cashier.back ?></a></p>
    </div>
  </div>
</section>
<?cs /def ?><?cs include:"layout.cs" ?>
