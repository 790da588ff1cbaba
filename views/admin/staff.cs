<?cs include:"macros.cs" ?><?cs
# admin/staff.cs: staff accounts for administrators: the list with roles and whether active, (de)activation, adding one.
  HDF: Page.staff.N.{username, active, self, created_at, last_login_at, role.<name>}, Page.form.{username, role.<name>},
       Page.errors.{username, roles, password, password2, active}
?><?cs def:page_body() ?>
<section class="section">
  <div class="container">
    <header class="page-header"><h1 class="page-title"><?cs var:Lang.admin.staff.title ?></h1></header>
    <?cs call:error_summary(Page.errors) ?><?cs call:field_error("active", Page.errors.active) ?>
    <div class="table-wrap">
      <table class="table" data-list="staff">
        <thead><tr>
          <th scope="col"><?cs var:Lang.admin.label.username ?></th>
          <th scope="col"><?cs var:Lang.admin.staff.roles ?></th>
          <th scope="col"><?cs var:Lang.admin.staff.status ?></th>
          <th scope="col"><?cs var:Lang.admin.staff.last_login ?></th>
          <th scope="col"><?cs var:Lang.admin.staff.action ?></th>
        </tr></thead>
        <tbody><?cs
  each:s = Page.staff ?>
          <tr data-username="<?cs var:s.username ?>" data-active="<?cs var:s.active ?>">
            <td class="mono"><?cs var:s.username ?></td>
            <td><?cs each:role = s.role ?><span class="badge" data-role="<?cs var:name(role) ?>"><?cs var:Lang.admin.role[name(role)] ?></span> <?cs /each ?></td>
            <td><?cs if:s.active == "1" ?><?cs var:Lang.admin.staff.active ?><?cs else ?><span class="muted"><?cs var:Lang.admin.staff.inactive ?></span><?cs /if ?></td>
            <td class="nowrap"><?cs var:s.last_login_at ?></td>
            <td><?cs
    if:s.self == "1" ?><span class="muted"><?cs var:Lang.admin.staff.you ?></span><?cs
    else ?>
              <form method="post" action="/admin/staff/<?cs var:url_escape(s.username) ?>/active">
                <?cs call:csrf_field() ?>
                <input type="hidden" name="active" value="<?cs if:s.active == "1" ?>0<?cs else ?>1<?cs /if ?>">
                <?cs if:s.active == "1" ?><?cs call:submit_button(Lang.admin.staff.deactivate, "", "secondary") ?><?cs else ?><?cs call:submit_button(Lang.admin.staff.activate, "", "secondary") ?><?cs /if ?>
              </form><?cs
    /if ?></td>
          </tr><?cs
  /each ?>
        </tbody>
      </table>
    </div>
    <div class="card" id="add">
      <h2 class="card-title"><?cs var:Lang.admin.staff.add_title ?></h2>
      <form method="post" action="/admin/staff" novalidate>
        <?cs call:csrf_field() ?>
        <?cs call:text_field("username", Lang.admin.label.username, Page.form.username, Page.errors.username, "text", "off", Lang.admin.staff.username_hint, "1") ?>
        <fieldset class="field<?cs if:Page.errors.roles ?> has-error<?cs /if ?>"<?cs call:describedby("roles", "", Page.errors.roles) ?>>
          <legend class="field-label"><?cs var:Lang.admin.staff.roles ?></legend><?cs
  each:role = Lang.admin.role ?>
          <label class="choice"><input type="checkbox" name="roles" value="<?cs var:name(role) ?>"<?cs if:Page.form.role[name(role)] ?> checked<?cs /if ?>> <span><?cs var:role ?></span></label><?cs
  /each ?>
          <?cs call:field_error("roles", Page.errors.roles) ?>
        </fieldset>
        <?cs call:text_field("password", Lang.admin.staff.password, "", Page.errors.password, "password", "new-password", Lang.admin.staff.password_hint, "1") ?>
        <?cs call:text_field("password2", Lang.admin.staff.password2, "", Page.errors.password2, "password", "new-password", "", "1") ?>
        <div class="form-actions"><?cs call:submit_button(Lang.admin.staff.add, "", "primary") ?></div>
      </form>
    </div>
  </div>
</section>
<?cs /def ?><?cs include:"admin/layout.cs" ?>
