<?cs include:"macros.cs" ?><?cs
# account/login.cs: 用户登录, two ways on one page: username or mobile + password, and mobile + SMS code
  HDF: Page.method (password | sms: the form last used), Page.next (where to go after login),
       Page.form.login, Page.form.phone, Page.errors.*, Page.sms.notice, Page.sms.wait
  The password form uses autocomplete username / current-password so password managers fill it.
  In the SMS form a hidden first submit button makes Enter mean 【登录】, not a resend.
?><?cs def:page_body() ?>
<section class="section">
  <div class="container">
    <header class="page-header">
      <h1 class="page-title"><?cs var:Lang.account.login.title ?></h1>
    </header>
    <?cs call:error_summary(Page.errors) ?>
    <div class="two-col">
      <div class="card account-card" data-login-method="password">
        <h2 class="card-title"><?cs var:Lang.account.login.password_title ?></h2>
        <form method="post" action="/login" novalidate>
          <?cs call:csrf_field() ?><?cs
  if:Page.next ?>
          <input type="hidden" name="next" value="<?cs var:Page.next ?>"><?cs /if ?>
          <?cs call:text_field("login", Lang.account.label.login, Page.form.login, Page.errors.login, "", "username", "", "1") ?>
          <?cs call:text_field("password", Lang.account.label.password, "", Page.errors.password, "password", "current-password", "", "1") ?>
          <div class="form-actions">
            <?cs call:submit_button(Lang.account.button.login, "", "primary") ?>
            <span class="spacer"></span>
            <a href="/password/forgot"><?cs var:Lang.account.login.forgot ?></a>
          </div>
        </form>
      </div>
      <div class="card account-card" data-login-method="sms">
        <h2 class="card-title"><?cs var:Lang.account.login.sms_title ?></h2><?cs
  if:Page.sms.notice ?><?cs call:alert("success", Page.sms.notice) ?><?cs /if ?>
        <form method="post" action="/login" novalidate>
          <?cs call:csrf_field() ?><?cs
  if:Page.next ?>
          <input type="hidden" name="next" value="<?cs var:Page.next ?>"><?cs /if ?>
          <button type="submit" name="action" value="login" class="visually-hidden" tabindex="-1" aria-hidden="true"><?cs var:Lang.account.button.login ?></button>
          <div class="input-group">
            <?cs call:text_field("phone", Lang.account.label.phone, Page.form.phone, Page.errors.phone, "tel", "tel", "", "1") ?>
            <?cs call:sms_button(Lang.account.button.send_code, Page.sms.wait) ?>
          </div>
          <?cs call:text_field("sms_code", Lang.account.label.sms_code, "", Page.errors.sms_code, "sms", "", Lang.account.hint.sms_code, "1") ?>
          <div class="form-actions">
            <?cs call:submit_button(Lang.account.button.login, "login", "primary") ?>
          </div>
        </form>
      </div>
    </div>
    <p class="account-switch"><?cs var:Lang.account.login.no_account ?> <a href="/register"><?cs var:Lang.account.login.register_link ?></a></p>
  </div>
</section>
<?cs /def ?><?cs include:"layout.cs" ?>
