<?cs include:"macros.cs" ?><?cs
# order/list.cs: 我的订单 (SPEC §9): the filters, ten orders a page with each state's actions, the pager or an empty state.
  HDF: Page.filter.{period,project,status,type} (the filters that apply), Page.options.project.N.{value,label},
  Page.orders.N.{no,project,created_at,business_type,tracking_no,state,cert_type,quantity,total_fen,actions.*},
  Page.total, Page.page, Page.pages, Page.past_end, Page.filtered, Page.base_url (the list URL with its filters).
?><?cs
# filter_map(name, label, value, map, all_label): a filter <select> whose choices are the children of MAP
  (name = value, text = label), after an "all" choice with the empty value.
?><?cs def:filter_map(name, label, value, map, all_label) ?>
        <div class="field">
          <label class="field-label" for="f-<?cs var:name ?>"><?cs var:label ?></label>
          <div class="select-wrap">
          <select class="input select" id="f-<?cs var:name ?>" name="<?cs var:name ?>"><?cs
  if:all_label ?>
            <option value=""><?cs var:all_label ?></option><?cs /if ?><?cs
  each:o = map ?>
            <option value="<?cs var:name(o) ?>"<?cs if:name(o) == value ?> selected<?cs /if ?>><?cs var:o ?></option><?cs
  /each ?>
          </select>
          </div>
        </div><?cs
/def ?><?cs
def:page_body() ?>
<section class="section">
  <div class="container">
    <div class="page-header page-header-split">
      <div>
        <h1 class="page-title"><?cs var:Lang.orders.title ?></h1>
        <p class="muted"><?cs var:Lang.orders.lead ?></p>
      </div>
      <a class="btn btn-primary" href="/projects"><?cs var:Lang.orders.new_order ?></a>
    </div>
    <form class="card filters" method="get" action="/orders" role="search" aria-label="<?cs var:Lang.orders.filter.label ?>">
      <div class="filters-grid"><?cs
  call:filter_map("period", Lang.orders.filter.period, Page.filter.period, Lang.orders.period, "") ?>
        <div class="field">
          <label class="field-label" for="f-project"><?cs var:Lang.orders.filter.project ?></label>
          <div class="select-wrap">
          <select class="input select" id="f-project" name="project">
            <option value=""><?cs var:Lang.orders.filter.all_projects ?></option><?cs
  each:p = Page.options.project ?>
            <option value="<?cs var:p.value ?>"<?cs if:p.value == Page.filter.project ?> selected<?cs /if ?>><?cs var:p.label ?></option><?cs
  /each ?>
          </select>
          </div>
        </div><?cs
  call:filter_map("status", Lang.orders.filter.status, Page.filter.status, Lang.state, Lang.orders.filter.all_states) ?><?cs
  call:filter_map("type", Lang.orders.filter.type, Page.filter.type, Lang.orders.type, Lang.orders.filter.all_types) ?>
        <div class="filters-actions">
          <button type="submit" class="btn btn-primary"><?cs var:Lang.orders.filter.search ?></button><?cs
  if:Page.filtered == "1" ?>
          <a class="btn-link" href="/orders"><?cs var:Lang.orders.filter.reset ?></a><?cs /if ?>
        </div>
      </div>
    </form><?cs
  if:subcount(Page.orders) > 0 ?>
    <p class="list-count muted"><?cs var:Lang.orders.count_before ?> <strong><?cs var:Page.total ?></strong> <?cs var:Lang.orders.count_after ?></p>
    <div class="table-wrap table-wrap-scroll">
      <table class="table orders-table">
        <caption class="visually-hidden"><?cs var:Lang.orders.title ?></caption>
        <thead>
          <tr>
            <th scope="col"><?cs var:Lang.orders.col.project ?></th>
            <th scope="col"><?cs var:Lang.orders.col.no ?></th>
            <th scope="col"><?cs var:Lang.orders.col.created_at ?></th>
            <th scope="col"><?cs var:Lang.orders.col.type ?></th>
            <th scope="col"><?cs var:Lang.orders.col.tracking ?></th>
            <th scope="col"><?cs var:Lang.orders.col.state ?></th>
            <th scope="col"><?cs var:Lang.orders.col.cert_type ?></th>
            <th scope="col" class="num"><?cs var:Lang.orders.col.quantity ?></th>
            <th scope="col" class="num"><?cs var:Lang.orders.col.total ?></th>
            <th scope="col"><?cs var:Lang.orders.col.actions ?></th>
          </tr>
        </thead>
        <tbody><?cs
    each:o = Page.orders ?>
          <tr data-order-no="<?cs var:o.no ?>">
            <td data-label="<?cs var:Lang.orders.col.project ?>"><?cs var:o.project ?></td>
            <td data-label="<?cs var:Lang.orders.col.no ?>" class="mono"><a href="/orders/<?cs var:o.no ?>"><?cs var:o.no ?></a></td>
            <td data-label="<?cs var:Lang.orders.col.created_at ?>" class="when"><?cs var:o.created_at ?></td>
            <td data-label="<?cs var:Lang.orders.col.type ?>"><?cs var:Lang.orders.type[o.business_type] ?></td>
            <td data-label="<?cs var:Lang.orders.col.tracking ?>" class="mono"><?cs if:o.tracking_no ?><?cs var:o.tracking_no ?><?cs else ?><span class="muted"><?cs var:Lang.orders.none ?></span><?cs /if ?></td>
            <td data-label="<?cs var:Lang.orders.col.state ?>"><?cs call:status_badge(o.state, "") ?></td>
            <td data-label="<?cs var:Lang.orders.col.cert_type ?>"><?cs var:o.cert_type ?></td>
            <td data-label="<?cs var:Lang.orders.col.quantity ?>" class="num"><?cs var:o.quantity ?></td>
            <td data-label="<?cs var:Lang.orders.col.total ?>" class="num"><?cs call:money(o.total_fen) ?></td>
            <td data-label="<?cs var:Lang.orders.col.actions ?>">
              <div class="actions row-actions">
                <a href="/orders/<?cs var:o.no ?>" data-action="view"><?cs var:Lang.orders.action.view ?></a><?cs
      if:o.actions.edit ?>
                <a href="/orders/<?cs var:o.no ?>/edit" data-action="edit"><?cs var:Lang.orders.action.edit ?></a><?cs /if ?><?cs
      if:o.actions.deposit ?>
                <a href="/orders/<?cs var:o.no ?>/deposit" data-action="deposit"><?cs var:Lang.orders.action.deposit ?></a><?cs /if ?><?cs
      if:o.actions.pay ?>
                <a href="/orders/<?cs var:o.no ?>/pay" data-action="pay"><?cs var:Lang.orders.action.pay ?></a><?cs /if ?><?cs
      if:o.actions.address ?>
                <a href="/orders/<?cs var:o.no ?>/address" data-action="address"><?cs var:Lang.orders.action.address ?></a><?cs /if ?><?cs
      if:o.actions.cancel ?>
                <a class="danger" href="/orders/<?cs var:o.no ?>/cancel" data-action="cancel"><?cs var:Lang.orders.action.cancel ?></a><?cs /if ?>
              </div>
            </td>
          </tr><?cs
    /each ?>
        </tbody>
      </table>
    </div>
    <?cs call:pager(Page.page, Page.pages, Page.base_url) ?><?cs
  elif:Page.past_end == "1" ?><?cs
    call:empty_state(Lang.orders.empty.past_title, Lang.orders.empty.past_text, Page.base_url, Lang.orders.empty.past_link) ?><?cs
  elif:Page.filtered == "1" ?><?cs
    call:empty_state(Lang.orders.empty.filtered_title, Lang.orders.empty.filtered_text, "/orders", Lang.orders.empty.filtered_link) ?><?cs
  else ?><?cs
    call:empty_state(Lang.orders.empty.none_title, Lang.orders.empty.none_text, "/projects", Lang.orders.empty.none_link) ?><?cs
  /if ?>
  </div>
</section>
<?cs /def ?><?cs include:"layout.cs" ?>
