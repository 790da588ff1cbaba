<?cs include:"macros.cs" ?><?cs
# account/register.cs: 账号注册 screens 1 (mobile number, agreement, 【发送手机验证码】) and 2 (SMS code, 【验证】)
  HDF: Page.step (phone | code), Page.form.phone, Page.form.agree, Page.errors.*,
       Page.sms.notice (after a send), Page.sms.wait (seconds before the next send)
  On screen 2 a hidden first submit button makes Enter in the code field mean 【验证】, not a resend.
?><?cs include:"account/macros.cs" ?><?cs def:page_body() ?>
<section class="section">
  <div class="container narrow">
    <header class="page-header">
      <h1 class="page-title"><?cs var:Lang.account.register.title ?></h1>
      <p class="page-lead"><?cs var:Lang.account.register.lead ?></p>
    </header>
    <?cs if:Page.step == "code" ?><?cs call:account_steps(Lang.account.register, 2) ?><?cs else ?><?cs call:account_steps(Lang.account.register, 1) ?><?cs /if ?>
    <div class="card account-card">
      <?cs call:error_summary(Page.errors) ?><?cs
  if:Page.sms.notice ?><?cs call:alert("success", Page.sms.notice) ?><?cs /if ?>
      <form method="post" action="/register" novalidate data-step="<?cs var:Page.step ?>">
        <?cs call:csrf_field() ?><?cs
  if:Page.step == "code" ?>
        <button type="submit" name="action" value="verify" class="visually-hidden" tabindex="-1" aria-hidden="true"><?cs var:Lang.account.button.verify ?></button><?cs
  /if ?>
        <div class="input-group">
          <?cs call:text_field("phone", Lang.account.label.phone, Page.form.phone, Page.errors.phone, "tel", "tel", Lang.account.hint.phone, "1") ?><?cs
  if:Page.step == "code" ?>
          <?cs call:sms_button(Lang.account.button.send_code, Page.sms.wait) ?><?cs
  /if ?>
        </div>
        <div class="field field-check<?cs if:Page.errors.agree ?> has-error<?cs /if ?>">
          <label class="choice choice-block" for="f-agree"><input type="checkbox" id="f-agree" name="agree" value="1"<?cs if:Page.form.agree == "1" ?> checked<?cs /if ?><?cs call:describedby("agree", "", Page.errors.agree) ?>><span><?cs var:Lang.account.agree_before ?><a href="/agreement" target="_blank" rel="noopener"><?cs var:Lang.account.agree_link ?></a></span></label>
          <?cs call:field_error("agree", Page.errors.agree) ?>
        </div><?cs
  if:Page.step == "code" ?>
        <?cs call:text_field("sms_code", Lang.account.label.sms_code, "", Page.errors.sms_code, "sms", "", Lang.account.hint.sms_code, "1") ?>
        <div class="form-actions">
          <?cs call:submit_button(Lang.account.button.verify, "verify", "primary") ?>
        </div><?cs
  else ?>
        <div class="form-actions">
          <?cs call:sms_button(Lang.account.button.send_code, Page.sms.wait) ?>
        </div><?cs
  /if ?>
      </form>
    </div>
    <p class="account-switch"><?cs var:Lang.account.register.have_account ?> <a href="/login"><?cs var:Lang.account.register.login_link ?></a></p>
  </div>
</section>
<?cs /def ?><?cs include:"layout.cs" ?>
