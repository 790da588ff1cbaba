<?cs include:"macros.cs" ?><?cs
# admin/orders.cs: a queue (state=…, oldest first) or a search (q=…) of the staff console, paged
  HDF: Page.state, Page.q, Page.errors.{state,q,page}, Page.orders.N.{no, state, project, org_name,
       org_id_no, agent_name, updated_at, submitted_at}, Page.page, Page.pages, Page.total, Page.base_url
?><?cs def:page_body() ?>
<section class="section">
  <div class="container">
    <header class="page-header">
      <h1 class="page-title"><?cs if:Page.state ?><?cs var:Lang.state[Page.state] ?><?cs else ?><?cs var:Lang.admin.orders.title ?><?cs /if ?></h1>
    </header>
    <?cs call:error_summary(Page.errors) ?>
    <form class="card project-search" method="get" action="/admin/orders" role="search">
      <div class="form-grid">
        <div class="field<?cs if:Page.errors.state ?> has-error<?cs /if ?>">
          <label class="field-label" for="f-state"><?cs var:Lang.admin.col.state ?></label>
          <div class="select-wrap">
            <select class="input select" id="f-state" name="state"<?cs call:describedby("state", "", Page.errors.state) ?>>
              <option value=""<?cs if:!Page.state ?> selected<?cs /if ?>><?cs var:Lang.admin.orders.any_state ?></option><?cs
  each:s = Lang.state ?>
              <option value="<?cs var:name(s) ?>"<?cs if:Page.state == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs
  /each ?>
            </select>
          </div>
          <?cs call:field_error("state", Page.errors.state) ?>
        </div>
        <?cs call:text_field("q", Lang.admin.orders.q, Page.q, Page.errors.q, "search", "off", Lang.admin.orders.q_hint, "") ?>
      </div>
      <?cs call:field_error("page", Page.errors.page) ?>
      <div class="form-actions"><?cs call:submit_button(Lang.admin.orders.search, "", "primary") ?></div>
    </form><?cs
  if:subcount(Page.orders) > 0 ?>
    <p class="muted" data-total="<?cs var:Page.total ?>"><?cs var:Lang.admin.orders.total_before ?><?cs var:Page.total ?><?cs var:Lang.admin.orders.total_after ?></p>
    <div class="table-wrap">
      <table class="table">
        <thead><tr>
          <th scope="col"><?cs var:Lang.order.no ?></th>
          <th scope="col"><?cs var:Lang.admin.col.state ?></th>
          <th scope="col"><?cs var:Lang.order.label.org_name ?></th>
          <th scope="col"><?cs var:Lang.order.label.org_id_no ?></th>
          <th scope="col"><?cs var:Lang.admin.col.project ?></th>
          <th scope="col"><?cs var:Lang.admin.col.waiting_since ?></th>
        </tr></thead>
        <tbody><?cs
    each:o = Page.orders ?>
          <tr data-order-no="<?cs var:o.no ?>" data-order-state="<?cs var:o.state ?>">
            <td><a class="mono" href="/admin/orders/<?cs var:o.no ?>"><?cs var:o.no ?></a></td>
            <td><?cs call:status_badge(o.state, "") ?></td>
            <td><?cs var:o.org_name ?></td>
            <td class="mono"><?cs var:o.org_id_no ?></td>
            <td><?cs var:o.project ?></td>
            <td class="nowrap"><?cs var:o.updated_at ?></td>
          </tr><?cs
    /each ?>
        </tbody>
      </table>
    </div>
    <?cs call:pager(Page.page, Page.pages, Page.base_url) ?><?cs
  elif:subcount(Page.errors) == 0 ?>
    <?cs call:empty_state(Lang.admin.orders.none_title, Lang.admin.orders.none_text, "", "") ?><?cs
  /if ?>
  </div>
</section>
<?cs /def ?><?cs include:"admin/layout.cs" ?>
