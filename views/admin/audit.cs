<?cs include:"macros.cs" ?><?cs
# admin/audit.cs: the audit log for administrators, newest first, filtered by action and staff actor; read-only.
  HDF: Page.action, Page.actor, Page.errors.{action,actor,page}, Page.page, Page.prev_url, Page.next_url,
       Page.entries.N.{at, actor_kind, actor, ip, action, subject, result, detail}
?><?cs def:page_body() ?>
<section class="section">
  <div class="container">
    <header class="page-header"><h1 class="page-title"><?cs var:Lang.admin.audit.title ?></h1></header>
    <?cs call:error_summary(Page.errors) ?>
    <form class="card project-search" method="get" action="/admin/audit" role="search">
      <div class="form-grid">
        <?cs call:text_field("action", Lang.admin.audit.action, Page.action, Page.errors.action, "text", "off", Lang.admin.audit.action_hint, "") ?>
        <?cs call:text_field("actor", Lang.admin.audit.actor, Page.actor, Page.errors.actor, "text", "off", Lang.admin.audit.actor_hint, "") ?>
      </div>
      <?cs call:field_error("page", Page.errors.page) ?>
      <div class="form-actions"><?cs call:submit_button(Lang.admin.audit.filter, "", "primary") ?></div>
    </form><?cs
  if:subcount(Page.entries) > 0 ?>
    <div class="table-wrap">
      <table class="table" data-list="audit">
        <thead><tr>
          <th scope="col"><?cs var:Lang.admin.audit.at ?></th>
          <th scope="col"><?cs var:Lang.admin.audit.actor ?></th>
          <th scope="col"><?cs var:Lang.admin.audit.action ?></th>
          <th scope="col"><?cs var:Lang.admin.audit.subject ?></th>
          <th scope="col"><?cs var:Lang.admin.audit.result ?></th>
          <th scope="col"><?cs var:Lang.admin.audit.ip ?></th>
          <th scope="col"><?cs var:Lang.admin.audit.detail ?></th>
        </tr></thead>
        <tbody><?cs
    each:e = Page.entries ?>
          <tr data-action="<?cs var:e.action ?>" data-actor="<?cs var:e.actor ?>">
            <td class="nowrap"><?cs var:e.at ?></td>
            <td><?cs var:Lang.admin.audit.kind[e.actor_kind] ?><?cs if:e.actor ?> <span class="mono"><?cs var:e.actor ?></span><?cs /if ?></td>
            <td class="mono"><?cs var:e.action ?></td>
            <td class="mono"><?cs var:e.subject ?></td>
            <td><?cs var:e.result ?></td>
            <td class="mono"><?cs var:e.ip ?></td>
            <td><?cs var:e.detail ?></td>
          </tr><?cs
    /each ?>
        </tbody>
      </table>
    </div><?cs
    if:Page.prev_url || Page.next_url ?>
    <nav class="pager" aria-label="<?cs var:Lang.pager.label ?>">
      <ul><?cs
      if:Page.prev_url ?>
        <li class="pager-prev"><a href="<?cs var:Page.prev_url ?>" rel="prev"><?cs var:Lang.pager.prev ?></a></li><?cs
      /if ?>
        <li><span aria-current="page"><?cs var:Page.page ?></span></li><?cs
      if:Page.next_url ?>
        <li class="pager-next"><a href="<?cs var:Page.next_url ?>" rel="next"><?cs var:Lang.pager.next ?></a></li><?cs
      /if ?>
      </ul>
    </nav><?cs
    /if ?><?cs
  else ?>
    <?cs call:empty_state(Lang.admin.audit.none, "", "", "") ?><?cs
  /if ?>
  </div>
</section>
<?cs /def ?><?cs include:"admin/layout.cs" ?>
