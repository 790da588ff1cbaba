<?cs # order/macros.cs: what the order pages share: the heading with the order's number and state, the wizard's buttons.
  Included by the order templates after macros.cs.
?><?cs def:order_header() ?>
    <div class="page-header">
      <h1 class="page-title"><?cs var:Page.project.name ?></h1><?cs
  if:Page.order.no ?>
      <p class="muted" data-order-no="<?cs var:Page.order.no ?>" data-order-state="<?cs var:Page.order.state ?>"><?cs var:Lang.order.no ?><?cs var:Lang.form.label_sep ?><span class="mono"><?cs var:Page.order.no ?></span> · <?cs call:status_badge(Page.order.state, "") ?></p><?cs
  /if ?>
    </div><?cs
/def ?><?cs

# wizard_top(step): heading, step indicator, "saved" notice and the error summary.
?><?cs def:wizard_top(step) ?><?cs call:order_header() ?>
    <?cs call:steps(Lang.steps, step) ?><?cs
  if:Query.saved ?><?cs call:alert("success", Lang.order.saved) ?><?cs /if ?><?cs
  if:Page.review.rejected_reason ?>
    <div class="alert alert-error" role="alert"><strong><?cs var:Lang.order.rejected_reason ?><?cs var:Lang.form.label_sep ?></strong><?cs var:Page.review.rejected_reason ?></div><?cs
  /if ?>
    <?cs call:error_summary(Page.errors) ?><?cs
/def ?><?cs

# wizard_enter(step): the form's first submit button, hidden. Enter in a field submits with the
  first submit button of the form, which would be 上一步 (or 保存 on step 1); this one makes Enter
  mean what the visible primary button means: 下一步, or 确认提交 on step 3.
?><?cs def:wizard_enter(step) ?>
      <button type="submit" name="action" value="<?cs if:step == 3 ?>submit<?cs else ?>next<?cs /if ?>" class="visually-hidden" tabindex="-1" aria-hidden="true"><?cs
  if:step == 3 ?><?cs var:Lang.order.submit ?><?cs else ?><?cs var:Lang.order.next ?><?cs /if ?></button><?cs
/def ?><?cs

# wizard_actions(step): 上一步 (not on step 1), 保存, and 下一步 or 确认提交 on step 3.
?><?cs def:wizard_actions(step) ?>
      <div class="form-actions"><?cs
  if:step > 1 ?>
        <?cs call:submit_button(Lang.order.prev, "prev", "secondary") ?><?cs /if ?>
        <?cs call:submit_button(Lang.order.save, "save", "secondary") ?>
        <span class="spacer"></span><?cs
  if:step == 3 ?>
        <?cs call:submit_button(Lang.order.submit, "submit", "") ?><?cs
  else ?>
        <?cs call:submit_button(Lang.order.next, "next", "") ?><?cs /if ?>
      </div><?cs
/def ?>
<?cs

# ship_fields(): 收件信息 (ship_name, ship_phone, ship_address) with Page.form values and Page.errors,
  on step 3 and on the address change page (order/address.cs): the same fields, the same way.
?><?cs def:ship_fields() ?>
      <div class="form-grid">
        <?cs call:text_field("ship_name", Lang.order.label.ship_name, Page.form.ship_name, Page.errors.ship_name, "", "name", "", "1") ?>
        <?cs call:text_field("ship_phone", Lang.order.label.ship_phone, Page.form.ship_phone, Page.errors.ship_phone, "tel", "tel", "", "1") ?>
        <div class="field-full"><?cs call:text_field("ship_address", Lang.order.label.ship_address, Page.form.ship_address, Page.errors.ship_address, "", "street-address", "", "1") ?></div>
      </div><?cs
/def ?>
