<?cs include:"macros.cs" ?><?cs
# admin/outbox.cs: messages that failed every retry, with their last error and a retry button (administrators).
  HDF: Page.failed.N.{id, channel, recipient, attempts, error, created_at}, Page.failed_counts.{pending,failed}
?><?cs def:page_body() ?>
<section class="section">
  <div class="container">
    <header class="page-header">
      <h1 class="page-title"><?cs var:Lang.fulfil.outbox.title ?></h1>
      <p class="muted"><?cs var:Lang.fulfil.outbox.lead ?></p>
      <p class="muted"><?cs var:Lang.fulfil.outbox.counts ?><?cs var:Lang.form.label_sep ?><?cs
  each:c = Page.failed_counts ?> <?cs var:Lang.fulfil.outbox.state[name(c)] ?> <span data-outbox-count="<?cs var:name(c) ?>"><?cs var:c ?></span><?cs /each ?></p>
    </header><?cs
  if:subcount(Page.failed) > 0 ?>
    <div class="table-wrap">
      <table class="table">
        <thead><tr>
          <th scope="col"><?cs var:Lang.fulfil.outbox.col_id ?></th>
          <th scope="col"><?cs var:Lang.fulfil.outbox.col_channel ?></th>
          <th scope="col"><?cs var:Lang.fulfil.outbox.col_recipient ?></th>
          <th scope="col"><?cs var:Lang.fulfil.outbox.col_attempts ?></th>
          <th scope="col"><?cs var:Lang.fulfil.outbox.col_error ?></th>
          <th scope="col"><?cs var:Lang.fulfil.outbox.col_created ?></th>
          <th scope="col"></th>
        </tr></thead>
        <tbody><?cs
    each:m = Page.failed ?>
          <tr data-outbox-id="<?cs var:m.id ?>">
            <td><?cs var:m.id ?></td>
            <td><?cs var:m.channel ?></td>
            <td class="mono"><?cs var:m.recipient ?></td>
            <td><?cs var:m.attempts ?></td>
            <td class="field-error" data-outbox-error><?cs var:m.error ?></td>
            <td class="nowrap"><?cs var:m.created_at ?></td>
            <td><form method="post" action="/admin/outbox/<?cs var:m.id ?>/retry"><?cs call:csrf_field() ?><?cs call:submit_button(Lang.fulfil.outbox.retry, "", "secondary") ?></form></td>
          </tr><?cs
    /each ?>
        </tbody>
      </table>
    </div><?cs
  else ?>
    <?cs call:empty_state(Lang.fulfil.outbox.none, "", "", "") ?><?cs
  /if ?>
  </div>
</section>
<?cs /def ?><?cs include:"admin/layout.cs" ?>
