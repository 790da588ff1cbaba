<?cs include:"macros.cs" ?><?cs
# admin/login.cs: staff login (/admin/login): username and password
  HDF: Page.next (where to go after login), Page.form.username, Page.errors.*
?><?cs def:page_body() ?>
<section class="section">
  <div class="container narrow">
    <header class="page-header">
      <h1 class="page-title"><?cs var:Lang.admin.login.title ?></h1>
      <p class="page-lead"><?cs var:Lang.admin.login.lead ?></p>
    </header>
    <?cs call:error_summary(Page.errors) ?>
    <div class="card account-card">
      <form method="post" action="/admin/login" novalidate>
        <?cs call:csrf_field() ?><?cs
  if:Page.next ?>
        <input type="hidden" name="next" value="<?cs var:Page.next ?>"><?cs /if ?>
        <?cs call:text_field("username", Lang.admin.label.username, Page.form.username, Page.errors.username, "", "username", "", "1") ?>
        <?cs call:text_field("password", Lang.admin.label.password, "", Page.errors.password, "password", "current-password", "", "1") ?>
        <div class="form-actions">
          <?cs call:submit_button(Lang.admin.login.button, "", "primary") ?>
        </div>
      </form>
    </div>
  </div>
</section>
<?cs /def ?><?cs include:"admin/layout.cs" ?>
