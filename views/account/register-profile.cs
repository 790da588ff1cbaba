<?cs include:"macros.cs" ?><?cs
# account/register-profile.cs: 账号注册 screen 3, 填写用户信息 (username, email, password twice, 【完成】)
  HDF: Page.phone (the proven number, masked), Page.form.username, Page.form.email, Page.errors.*,
       Page.alert (the number was registered meanwhile)
  autocomplete tokens let password managers offer and save a new password.
?><?cs include:"account/macros.cs" ?><?cs def:page_body() ?>
<section class="section">
  <div class="container narrow">
    <header class="page-header">
      <h1 class="page-title"><?cs var:Lang.account.register.title ?></h1>
    </header>
    <?cs call:account_steps(Lang.account.register, 3) ?>
    <div class="card account-card">
      <?cs call:error_summary(Page.errors) ?><?cs
  if:Page.alert ?><?cs call:alert("error", Page.alert) ?><?cs /if ?>
      <dl class="dl account-proven">
        <div><dt><?cs var:Lang.account.register.phone_verified ?></dt><dd class="mono"><?cs var:Page.phone ?></dd></div>
      </dl>
      <form method="post" action="/register/profile" novalidate>
        <?cs call:csrf_field() ?>
        <?cs call:text_field("username", Lang.account.label.username, Page.form.username, Page.errors.username, "", "username", Lang.account.hint.username, "1") ?>
        <?cs call:text_field("email", Lang.account.label.email, Page.form.email, Page.errors.email, "email", "email", Lang.account.hint.email, "1") ?>
        <?cs call:text_field("password", Lang.account.label.password, "", Page.errors.password, "password", "new-password", Lang.account.hint.password, "1") ?>
        <?cs call:text_field("password2", Lang.account.label.password2, "", Page.errors.password2, "password", "new-password", "", "1") ?>
        <div class="form-actions">
          <?cs call:submit_button(Lang.account.button.finish, "", "primary") ?>
        </div>
      </form>
    </div>
  </div>
</section>
<?cs /def ?><?cs include:"layout.cs" ?>
