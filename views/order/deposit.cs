<?cs include:"macros.cs" ?><?cs include:"order/macros.cs" ?><?cs
# order/deposit.cs: 企业打款验证 (SPEC §6): the organisation's account → 【获取打款金额】, then 收到打款金额（单位：元） → 【验证】.
  HDF: Page.order.*, Page.project.*, Page.deposit.{exists,bank_name,account_masked,tries_used,tries_left,
  max_tries,active,expired,verified,expires_at,valid_hours,can_request}, Page.form.{bank_name,bank_account,amount},
  Page.errors.*. The account name is the organisation's, fixed.
?><?cs def:page_body() ?>
<section class="section">
  <div class="container narrow">
    <p class="back-link"><a href="/orders/<?cs var:Page.order.no ?>"><?cs var:Lang.deposit.back ?></a></p>
    <?cs call:order_header() ?>
    <?cs call:error_summary(Page.errors) ?><?cs
  if:Page.order.state == "deposit" ?><?cs
    if:Page.deposit.active ?>
    <div class="card" data-deposit="active">
      <h2 class="card-title"><?cs var:Lang.deposit.verify_title ?></h2>
      <p><?cs var:Lang.deposit.verify_lead ?></p>
      <dl class="dl">
        <div class="dl-row"><dt><?cs var:Lang.deposit.label.account_name ?></dt><dd><?cs var:Page.order.org_name ?></dd></div>
        <div class="dl-row"><dt><?cs var:Lang.deposit.label.bank_name ?></dt><dd><?cs var:Page.deposit.bank_name ?></dd></div>
        <div class="dl-row"><dt><?cs var:Lang.deposit.label.bank_account ?></dt><dd class="mono"><?cs var:Page.deposit.account_masked ?></dd></div>
        <div class="dl-row"><dt><?cs var:Lang.deposit.expires_at ?></dt><dd data-expires-at="<?cs var:Page.deposit.expires_at ?>"><?cs var:Page.deposit.expires_at ?></dd></div>
        <div class="dl-row"><dt><?cs var:Lang.deposit.tries_left ?></dt><dd><strong data-tries-left="<?cs var:Page.deposit.tries_left ?>"><?cs var:Page.deposit.tries_left ?></strong> / <?cs var:Page.deposit.max_tries ?></dd></div>
      </dl>
      <form method="post" action="/orders/<?cs var:Page.order.no ?>/deposit" novalidate>
        <?cs call:csrf_field() ?>
        <?cs call:text_field("amount", Lang.deposit.label.amount, Page.form.amount, Page.errors.amount, "decimal", "off", Lang.deposit.hint.amount, "1") ?>
        <div class="form-actions">
          <?cs call:submit_button(Lang.deposit.button.verify, "verify", "") ?>
        </div>
      </form>
    </div><?cs
    elif:Page.deposit.expired ?><?cs call:alert("warning", Lang.deposit.expired) ?><?cs
    /if ?><?cs
    if:Page.deposit.can_request == "1" ?>
    <form class="card" method="post" action="/orders/<?cs var:Page.order.no ?>/deposit" novalidate data-deposit="request">
      <?cs call:csrf_field() ?>
      <h2 class="card-title"><?cs var:Lang.deposit.request_title ?></h2>
      <p class="muted"><?cs var:Lang.deposit.request_lead_before ?><?cs var:Page.deposit.valid_hours ?><?cs var:Lang.deposit.request_lead_after ?><?cs var:Page.deposit.max_tries ?><?cs var:Lang.deposit.request_lead_end ?></p>
      <div class="field">
        <span class="field-label"><?cs var:Lang.deposit.label.account_name ?></span>
        <p class="fixed-value"><?cs var:Page.order.org_name ?></p>
      </div>
      <?cs call:text_field("bank_name", Lang.deposit.label.bank_name, Page.form.bank_name, Page.errors.bank_name, "", "off", "", "1") ?>
      <?cs call:text_field("bank_account", Lang.deposit.label.bank_account, Page.form.bank_account, Page.errors.bank_account, "numeric", "off", Lang.deposit.hint.bank_account, "1") ?>
      <div class="form-actions">
        <?cs call:submit_button(Lang.deposit.button.request, "request", "") ?>
      </div>
    </form><?cs
    /if ?><?cs
    # A refusal about a form that is not shown (an amount still valid, or expired) still says why at its field. ?><?cs
    if:!Page.deposit.active ?><?cs call:field_error("amount", Page.errors.amount) ?><?cs /if ?><?cs
    if:Page.deposit.can_request != "1" ?><?cs call:field_error("bank_account", Page.errors.bank_account) ?><?cs /if ?><?cs
  else ?><?cs
    if:Page.order.state == "payment" ?>
    <div class="card">
      <?cs call:alert("success", Lang.deposit.verified) ?>
      <p class="actions"><a class="btn btn-primary" href="/orders/<?cs var:Page.order.no ?>/pay"><?cs var:Lang.deposit.go_pay ?></a></p>
    </div><?cs
    elif:Page.order.state == "manual_review" ?><?cs call:alert("info", Lang.deposit.in_review) ?><?cs
    else ?><?cs call:alert("info", Lang.deposit.not_now) ?><?cs
    /if ?><?cs
    # A refused POST still says why at the field it was about. ?>
    <?cs call:field_error("amount", Page.errors.amount) ?><?cs call:field_error("bank_account", Page.errors.bank_account) ?><?cs
  /if ?>
  </div>
</section>
<?cs /def ?><?cs include:"layout.cs" ?>
