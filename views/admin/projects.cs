<?cs include:"macros.cs" ?><?cs
# admin/projects.cs: projects for administrators: every project with its prices and whether offered; retire or offer again.
  Prices change through the import command (certdesk-admin), not here.
  HDF: Page.projects.N.{code, name, active, cert_types.M.{name, fen}, key_types.M.{name, fen}}, Page.errors.active
?><?cs def:page_body() ?>
<section class="section">
  <div class="container">
    <header class="page-header"><h1 class="page-title"><?cs var:Lang.admin.projects.title ?></h1>
      <p class="muted"><?cs var:Lang.admin.projects.lead ?></p></header>
    <?cs call:error_summary(Page.errors) ?><?cs call:field_error("active", Page.errors.active) ?><?cs
  if:subcount(Page.projects) > 0 ?>
    <div class="table-wrap">
      <table class="table" data-list="projects">
        <thead><tr>
          <th scope="col"><?cs var:Lang.admin.projects.code ?></th>
          <th scope="col"><?cs var:Lang.admin.projects.name ?></th>
          <th scope="col"><?cs var:Lang.admin.projects.cert_prices ?></th>
          <th scope="col"><?cs var:Lang.admin.projects.key_prices ?></th>
          <th scope="col"><?cs var:Lang.admin.projects.status ?></th>
          <th scope="col"><?cs var:Lang.admin.projects.action ?></th>
        </tr></thead>
        <tbody><?cs
    each:p = Page.projects ?>
          <tr data-project="<?cs var:p.code ?>" data-active="<?cs var:p.active ?>">
            <td class="mono"><?cs var:p.code ?></td>
            <td><?cs var:p.name ?></td>
            <td><?cs each:t = p.cert_types ?><span class="nowrap" data-price="<?cs var:t.fen ?>"><?cs var:t.name ?> <?cs call:money(t.fen) ?><?cs var:Lang.admin.projects.per_year ?></span><br><?cs /each ?></td>
            <td><?cs each:k = p.key_types ?><span class="nowrap" data-price="<?cs var:k.fen ?>"><?cs var:k.name ?> <?cs call:money(k.fen) ?></span><br><?cs /each ?></td>
            <td><?cs if:p.active == "1" ?><?cs var:Lang.admin.projects.active ?><?cs else ?><span class="muted"><?cs var:Lang.admin.projects.retired ?></span><?cs /if ?></td>
            <td>
              <form method="post" action="/admin/projects/<?cs var:url_escape(p.code) ?>/active">
                <?cs call:csrf_field() ?>
                <input type="hidden" name="active" value="<?cs if:p.active == "1" ?>0<?cs else ?>1<?cs /if ?>">
                <?cs if:p.active == "1" ?><?cs call:submit_button(Lang.admin.projects.retire, "", "secondary") ?><?cs else ?><?cs call:submit_button(Lang.admin.projects.activate, "", "secondary") ?><?cs /if ?>
              </form>
            </td>
          </tr><?cs
    /each ?>
        </tbody>
      </table>
    </div><?cs
  else ?>
    <?cs call:empty_state(Lang.admin.projects.none, "", "", "") ?><?cs
  /if ?>
  </div>
</section>
<?cs /def ?><?cs include:"admin/layout.cs" ?>
