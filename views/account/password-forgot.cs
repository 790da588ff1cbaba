<?cs include:"macros.cs" ?><?cs
# account/password-forgot.cs: 忘记密码: mobile number and SMS code (【验证】), new password twice (【完成】), 密码修改成功
  HDF: Page.step (phone | code | password | done), Page.form.phone, Page.errors.*, Page.alert,
       Page.sms.notice, Page.sms.wait
?><?cs include:"account/macros.cs" ?><?cs def:page_body() ?>
<section class="section">
  <div class="container narrow">
    <header class="page-header">
      <h1 class="page-title"><?cs var:Lang.account.forgot.title ?></h1><?cs
  if:Page.step != "done" ?>
      <p class="page-lead"><?cs var:Lang.account.forgot.lead ?></p><?cs /if ?>
    </header><?cs
  if:Page.step == "done" ?><?cs call:account_steps(Lang.account.forgot, 4) ?><?cs
  elif:Page.step == "password" ?><?cs call:account_steps(Lang.account.forgot, 2) ?><?cs
  else ?><?cs call:account_steps(Lang.account.forgot, 1) ?><?cs /if ?>
    <div class="card account-card" data-step="<?cs var:Page.step ?>"><?cs
  if:Page.step == "done" ?>
      <h2 class="card-title"><?cs var:Lang.account.forgot.done_title ?></h2>
      <p><?cs var:Lang.account.forgot.done_text ?></p>
      <div class="form-actions">
        <a class="btn btn-primary" href="/login"><?cs var:Lang.account.button.login ?></a>
      </div><?cs
  else ?>
      <?cs call:error_summary(Page.errors) ?><?cs
    if:Page.alert ?><?cs call:alert("error", Page.alert) ?><?cs /if ?><?cs
    if:Page.sms.notice ?><?cs call:alert("success", Page.sms.notice) ?><?cs /if ?>
      <form method="post" action="/password/forgot" novalidate>
        <?cs call:csrf_field() ?><?cs
    if:Page.step == "password" ?>
        <?cs call:text_field("password", Lang.account.label.new_password, "", Page.errors.password, "password", "new-password", Lang.account.hint.password, "1") ?>
        <?cs call:text_field("password2", Lang.account.label.new_password2, "", Page.errors.password2, "password", "new-password", "", "1") ?>
        <div class="form-actions">
          <?cs call:submit_button(Lang.account.button.finish, "reset", "primary") ?>
        </div><?cs
    else ?>
        <button type="submit" name="action" value="verify" class="visually-hidden" tabindex="-1" aria-hidden="true"><?cs var:Lang.account.button.verify ?></button>
        <div class="input-group">
          <?cs call:text_field("phone", Lang.account.label.phone, Page.form.phone, Page.errors.phone, "tel", "tel", Lang.account.hint.phone, "1") ?>
          <?cs call:sms_button(Lang.account.button.send_code, Page.sms.wait) ?>
        </div>
        <?cs call:text_field("sms_code", Lang.account.label.sms_code, "", Page.errors.sms_code, "sms", "", Lang.account.hint.sms_code, "1") ?>
        <div class="form-actions">
          <?cs call:submit_button(Lang.account.button.verify, "verify", "primary") ?>
        </div><?cs
    /if ?>
      </form><?cs
  /if ?>
    </div>
  </div>
</section>
<?cs /def ?><?cs include:"layout.cs" ?>
