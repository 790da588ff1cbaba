<?cs include:"macros.cs" ?><?cs
# admin/home.cs: the staff console's dashboard: orders per state, each a link to its queue
  HDF: Page.counts.<state> (every state of SPEC 9), Staff.role.*
?><?cs def:page_body() ?>
<section class="section">
  <div class="container">
    <header class="page-header">
      <h1 class="page-title"><?cs var:Lang.admin.home.title ?></h1>
    </header><?cs
  if:(Staff.role.reviewer || Staff.role.admin) && #Page.counts.manual_review > 0 ?>
    <div class="callout">
      <p class="callout-title"><?cs var:Lang.admin.home.review_waiting ?><?cs var:Lang.form.label_sep ?><strong data-count="manual_review"><?cs var:Page.counts.manual_review ?></strong></p>
      <a class="btn btn-primary" href="/admin/orders?state=manual_review"><?cs var:Lang.admin.home.review_go ?></a>
    </div><?cs
  /if ?>
    <div class="card">
      <h2 class="card-title"><?cs var:Lang.admin.home.counts ?></h2>
      <div class="table-wrap">
        <table class="table">
          <thead><tr><th scope="col"><?cs var:Lang.admin.col.state ?></th><th scope="col" class="text-right"><?cs var:Lang.admin.col.count ?></th></tr></thead>
          <tbody><?cs
  each:c = Page.counts ?>
            <tr data-state="<?cs var:name(c) ?>">
              <td><a href="/admin/orders?state=<?cs var:name(c) ?>"><?cs call:status_badge(name(c), "") ?></a></td>
              <td class="text-right" data-count="<?cs var:name(c) ?>"><?cs var:c ?></td>
            </tr><?cs
  /each ?>
          </tbody>
        </table>
      </div>
    </div>
  </div>
</section>
<?cs /def ?><?cs include:"admin/layout.cs" ?>
