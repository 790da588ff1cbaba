<?cs # macros.cs: shared def: macros (form fields, badges, steps, pager) used through call:

  Include ONCE per page, as the first line of the page template, before its
  def:page_body(); layout.cs does not include it (see the note in layout.cs).

  Conventions
  - A field called NAME gets id "f-NAME"; its hint "f-NAME-hint"; its error
    "f-NAME-error" carrying data-error-for="NAME" (SPEC 12). error_summary()
    links to "#f-NAME".
  - Macro arguments are strings or HDF nodes; pass "" for "none". An empty
    or missing HDF node behaves like "".
  - required: "1" marks the label with * and sets aria-required; "optional"
    appends the (optional) note; "" shows nothing. We deliberately do not emit
    the HTML required attribute: the server is the validator, and 保存
    (save as a draft) must be able to submit an incomplete form.
  - Nothing here prints raw HTML: every var: is escaped (VarEscapeMode html).
?><?cs

# csrf_field(): the hidden CSRF input every POST form must carry.
?><?cs def:csrf_field() ?><input type="hidden" name="csrf" value="<?cs var:Session.csrf ?>"><?cs /def ?><?cs

# req_mark(required): the * or (optional) marker after a label text.
?><?cs def:req_mark(required) ?><?cs
  if:required == "1" ?><span class="req" aria-hidden="true">*</span><?cs
  elif:required == "optional" ?><span class="opt"><?cs var:Lang.form.optional ?></span><?cs
  /if ?><?cs /def ?><?cs

# describedby(name, hint, error): the aria-describedby attribute (or nothing)
  pointing at the hint and error elements of field NAME.
?><?cs def:describedby(name, hint, error) ?><?cs
  if:hint || error ?> aria-describedby="<?cs
    if:hint ?>f-<?cs var:name ?>-hint<?cs /if ?><?cs
    if:hint && error ?> <?cs /if ?><?cs
    if:error ?>f-<?cs var:name ?>-error<?cs /if ?>"<?cs
  /if ?><?cs if:error ?> aria-invalid="true"<?cs /if ?><?cs /def ?><?cs

# field_hint(name, hint): the grey help line under a field (nothing if empty).
?><?cs def:field_hint(name, hint) ?><?cs
  if:hint ?><p class="field-hint" id="f-<?cs var:name ?>-hint"><?cs var:hint ?></p><?cs /if ?><?cs /def ?><?cs

# field_error(name, error): the message next to a wrong field (nothing if
  empty). Usable on its own for fields a page builds by hand.
?><?cs def:field_error(name, error) ?><?cs
  if:error ?><p class="field-error" id="f-<?cs var:name ?>-error" data-error-for="<?cs var:name ?>"><svg class="icon" aria-hidden="true" viewBox="0 0 20 20"><circle cx="10" cy="10" r="7.5"/><path d="M10 6v4.5M10 13.5v.5"/></svg><?cs var:error ?></p><?cs /if ?><?cs /def ?><?cs

# text_field(name, label, value, error, type, autocomplete, hint, required):
  a labelled <input>. type: "" (text), email, tel, password, number, date,
  url, search, or one of ours: "numeric" (text with a digit keypad),
  "decimal" (a keypad with the decimal point: amounts in yuan), "code"
  (credit codes, ID and tax numbers: no spellcheck, capitals), "sms" (a
  6-digit SMS code). autocomplete: an autocomplete token or "". Pass ""
  as value for passwords.
?><?cs def:text_field(name, label, value, error, type, autocomplete, hint, required) ?>
<div class="field<?cs if:error ?> has-error<?cs /if ?>">
  <label class="field-label" for="f-<?cs var:name ?>"><?cs var:label ?><?cs call:req_mark(required) ?></label>
  <input class="input" id="f-<?cs var:name ?>" name="<?cs var:name ?>" value="<?cs var:value ?>"<?cs
  if:type == "numeric" ?> type="text" inputmode="numeric"<?cs
  elif:type == "decimal" ?> type="text" inputmode="decimal"<?cs
  elif:type == "code" ?> type="text" spellcheck="false" autocapitalize="characters"<?cs
  elif:type == "sms" ?> type="text" inputmode="numeric" maxlength="6" spellcheck="false"<?cs
  elif:type ?> type="<?cs var:type ?>"<?cs
  else ?> type="text"<?cs /if ?><?cs
  if:autocomplete ?> autocomplete="<?cs var:autocomplete ?>"<?cs
  elif:type == "sms" ?> autocomplete="one-time-code"<?cs /if ?><?cs
  if:required == "1" ?> aria-required="true"<?cs /if ?><?cs
  call:describedby(name, hint, error) ?>>
  <?cs call:field_hint(name, hint) ?><?cs call:field_error(name, error) ?>
</div>
<?cs /def ?><?cs

# textarea_field(name, label, value, error, hint, required): a labelled
  multi-line text (addresses, reasons).
?><?cs def:textarea_field(name, label, value, error, hint, required) ?>
<div class="field<?cs if:error ?> has-error<?cs /if ?>">
  <label class="field-label" for="f-<?cs var:name ?>"><?cs var:label ?><?cs call:req_mark(required) ?></label>
  <textarea class="input textarea" id="f-<?cs var:name ?>" name="<?cs var:name ?>" rows="3"<?cs
  if:required == "1" ?> aria-required="true"<?cs /if ?><?cs
  call:describedby(name, hint, error) ?>><?cs var:value ?></textarea>
  <?cs call:field_hint(name, hint) ?><?cs call:field_error(name, error) ?>
</div>
<?cs /def ?><?cs

# select_field(name, label, value, error, options, hint, required): a labelled
  <select>. options is an HDF node whose children have .value and .label
  (e.g. Page.options.years.0.value = 1, .label = 1年); the child whose
  value equals VALUE is selected; a "请选择" first option when VALUE is empty.
  Optional .fen_per_year / .fen children become data-fen-per-year / data-fen
  for the live price in certdesk.js (form data-live-price).
?><?cs def:select_field(name, label, value, error, options, hint, required) ?>
<div class="field<?cs if:error ?> has-error<?cs /if ?>">
  <label class="field-label" for="f-<?cs var:name ?>"><?cs var:label ?><?cs call:req_mark(required) ?></label>
  <div class="select-wrap">
  <select class="input select" id="f-<?cs var:name ?>" name="<?cs var:name ?>"<?cs
  if:required == "1" ?> aria-required="true"<?cs /if ?><?cs
  call:describedby(name, hint, error) ?>><?cs
  if:!value ?>
    <option value="" selected><?cs var:Lang.form.select_placeholder ?></option><?cs /if ?><?cs
  each:o = options ?>
    <option value="<?cs var:o.value ?>"<?cs if:value && o.value == value ?> selected<?cs /if ?><?cs if:o.fen_per_year ?> data-fen-per-year="<?cs var:o.fen_per_year ?>"<?cs /if ?><?cs if:o.fen ?> data-fen="<?cs var:o.fen ?>"<?cs /if ?>><?cs var:o.label ?></option><?cs
  /each ?>
  </select>
  </div>
  <?cs call:field_hint(name, hint) ?><?cs call:field_error(name, error) ?>
</div>
<?cs /def ?><?cs

# radio_field(name, label, value, error, options, hint, required): a
  <fieldset> of radio buttons, options as for select_field. The fieldset has
  id "f-NAME" (the error summary links there); the radios "f-NAME-0", ...
  role="radiogroup" lets it carry aria-required (not allowed on a plain group).
?><?cs def:radio_field(name, label, value, error, options, hint, required) ?>
<fieldset class="field field-choices<?cs if:error ?> has-error<?cs /if ?>" id="f-<?cs var:name ?>" role="radiogroup"<?cs
  if:required == "1" ?> aria-required="true"<?cs /if ?><?cs call:describedby(name, hint, error) ?>>
  <legend class="field-label"><?cs var:label ?><?cs call:req_mark(required) ?></legend>
  <div class="choices"><?cs
  each:o = options ?>
    <label class="choice" for="f-<?cs var:name ?>-<?cs var:name(o) ?>"><input type="radio" id="f-<?cs var:name ?>-<?cs var:name(o) ?>" name="<?cs var:name ?>" value="<?cs var:o.value ?>"<?cs if:value && o.value == value ?> checked<?cs /if ?><?cs if:o.fen_per_year ?> data-fen-per-year="<?cs var:o.fen_per_year ?>"<?cs /if ?><?cs if:o.fen ?> data-fen="<?cs var:o.fen ?>"<?cs /if ?>><span><?cs var:o.label ?></span></label><?cs
  /each ?>
  </div>
  <?cs call:field_hint(name, hint) ?><?cs call:field_error(name, error) ?>
</fieldset>
<?cs /def ?><?cs

# checkbox_field(name, label, checked, error, hint): one checkbox sending
  NAME=1 when ticked (agreements, declarations). checked: any non-empty,
  non-zero value ticks it.
?><?cs def:checkbox_field(name, label, checked, error, hint) ?>
<div class="field field-check<?cs if:error ?> has-error<?cs /if ?>">
  <label class="choice choice-block" for="f-<?cs var:name ?>"><input type="checkbox" id="f-<?cs var:name ?>" name="<?cs var:name ?>" value="1"<?cs if:checked ?> checked<?cs /if ?><?cs call:describedby(name, hint, error) ?>><span><?cs var:label ?></span></label>
  <?cs call:field_hint(name, hint) ?><?cs call:field_error(name, error) ?>
</div>
<?cs /def ?><?cs

# file_field(name, label, url, error, hint, required): an image upload
  (the form needs enctype="multipart/form-data"). url: where the image
  already stored for this field is served (shown as a preview), or "".
  The allowed formats and size are always stated; hint adds to them.
  certdesk.js previews a newly chosen file in <img id="f-NAME-preview">
  (creating it inside .upload-preview when nothing was uploaded yet).
?><?cs def:file_field(name, label, url, error, hint, required) ?>
<div class="field field-file<?cs if:error ?> has-error<?cs /if ?>">
  <label class="field-label" for="f-<?cs var:name ?>"><?cs var:label ?><?cs call:req_mark(required) ?></label>
  <div class="upload<?cs if:url ?> has-file<?cs /if ?>">
    <div class="upload-preview"><?cs
    if:url ?>
      <a href="<?cs var:url ?>" target="_blank" rel="noopener"><img id="f-<?cs var:name ?>-preview" src="<?cs var:url ?>" alt="<?cs var:label ?>"></a><?cs
    else ?>
      <span class="upload-empty" aria-hidden="true"><svg class="icon" viewBox="0 0 24 24"><rect x="3.5" y="4.5" width="17" height="15" rx="2"/><circle cx="9" cy="10" r="1.8"/><path d="M4 17l5-4.5 4 3.5 3-2.5 4 3.5"/></svg></span><?cs
    /if ?>
    </div>
    <div class="upload-body">
      <input class="input-file" type="file" id="f-<?cs var:name ?>" name="<?cs var:name ?>" accept=".jpg,.jpeg,.png,.gif,.bmp,image/jpeg,image/png,image/gif,image/bmp" data-preview="f-<?cs var:name ?>-preview" data-max-bytes="1048576" data-size-message="<?cs var:Lang.form.upload_too_large ?>" data-type-message="<?cs var:Lang.form.upload_hint ?>"<?cs
    if:required == "1" ?> aria-required="true"<?cs /if ?> aria-describedby="f-<?cs var:name ?>-hint<?cs if:error ?> f-<?cs var:name ?>-error<?cs /if ?>"<?cs if:error ?> aria-invalid="true"<?cs /if ?>>
      <p class="field-hint" id="f-<?cs var:name ?>-hint"><?cs if:url ?><span class="upload-status"><?cs var:Lang.form.upload_current ?></span> <?cs /if ?><?cs var:Lang.form.upload_hint ?><?cs if:hint ?><br><?cs var:hint ?><?cs /if ?></p>
      <?cs call:field_error(name, error) ?>
    </div>
  </div>
</div>
<?cs /def ?><?cs

# error_summary(errors): the alert box at the top of a form. errors is an HDF
  node: each child is named after a field and holds its message, e.g.
  Page.errors.org_id_no = 格式不正确; an optional .label child adds the
  field's label (Page.errors.org_id_no.label = 机构证件号码). Each entry
  links to the field. Prints nothing when errors is empty.
?><?cs def:error_summary(errors) ?><?cs
  if:subcount(errors) > 0 ?>
<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
  <h2 class="error-summary-title" id="error-summary-title"><?cs var:Lang.form.summary_title ?></h2>
  <ul><?cs
  each:e = errors ?>
    <li><a href="#f-<?cs var:name(e) ?>"><?cs if:e.label ?><?cs var:e.label ?><?cs var:Lang.form.label_sep ?><?cs /if ?><?cs var:e ?></a></li><?cs
  /each ?>
  </ul>
</div><?cs
  /if ?><?cs /def ?><?cs

# alert(type, text): a message box; type info, success, warning or error.
?><?cs def:alert(type, text) ?>
<div class="alert alert-<?cs var:type ?>" role="<?cs if:type == "error" ?>alert<?cs else ?>status<?cs /if ?>"><?cs var:text ?></div>
<?cs /def ?><?cs

# status_badge(state, label): an order state (SPEC 9) as a coloured badge.
  label: text to show, or "" for the standard label Lang.state.STATE.
?><?cs def:status_badge(state, label) ?><span class="badge badge-<?cs var:state ?>" data-state="<?cs var:state ?>"><?cs
  if:label ?><?cs var:label ?><?cs else ?><?cs var:Lang.state[state] ?><?cs /if ?></span><?cs /def ?><?cs

# steps(labels, current): a step indicator, 1 2 3 (the order wizard's, SPEC 4: Lang.steps);
  labels.label names the list, labels.1 .. labels.3 the steps, labels.done and
  labels.current the words read out for them. Steps before CURRENT are shown
  done, CURRENT is marked aria-current.
?><?cs def:steps(labels, current) ?>
<ol class="steps" aria-label="<?cs var:labels.label ?>"><?cs
  loop:i = 1, 3, 1 ?>
  <li class="step<?cs if:i < #current ?> is-done<?cs elif:i == #current ?> is-current<?cs /if ?>"<?cs if:i == #current ?> aria-current="step"<?cs /if ?>>
    <span class="step-num" aria-hidden="true"><?cs var:i ?></span>
    <span class="step-label"><?cs var:labels[i] ?><?cs
    if:i < #current ?><span class="visually-hidden"><?cs var:labels.done ?></span><?cs
    elif:i == #current ?><span class="visually-hidden"><?cs var:labels.current ?></span><?cs /if ?></span>
  </li><?cs
  /loop ?>
</ol>
<?cs /def ?><?cs

# pager(page, pages, base_url): page links under a list. base_url is the
  list URL with its query already URL-encoded by the handler, e.g.
  /orders?period=1y&status=draft (page=N is appended). Shows the first,
  last and two pages either side of PAGE (on phones: prev, "PAGE / PAGES",
  next); nothing when there is one page.
?><?cs def:pager_item(i, page, pages, base_url) ?><?cs
    if:#i == #page ?>
    <li><a href="<?cs var:base_url ?><?cs var:_pager.sep ?>page=<?cs var:#i ?>" aria-current="page" aria-label="<?cs var:Lang.pager.page_before ?><?cs var:#i ?><?cs var:Lang.pager.page_after ?>"><?cs var:#i ?><span class="pager-of"> / <?cs var:#pages ?></span></a></li><?cs
    elif:#i == 1 || #i == #pages || (#i >= #page - 2 && #i <= #page + 2) ?>
    <li class="pager-num"><a href="<?cs var:base_url ?><?cs var:_pager.sep ?>page=<?cs var:#i ?>" aria-label="<?cs var:Lang.pager.page_before ?><?cs var:#i ?><?cs var:Lang.pager.page_after ?>"><?cs var:#i ?></a></li><?cs
    else ?>
    <li class="pager-gap" aria-hidden="true">…</li><?cs
    /if ?><?cs /def ?><?cs
def:pager(page, pages, base_url) ?><?cs
  if:#pages > 1 ?><?cs
  if:string.find(base_url, "?") >= 0 ?><?cs set:_pager.sep = "&" ?><?cs else ?><?cs set:_pager.sep = "?" ?><?cs /if ?><?cs
  # Only the pages around PAGE are visited (PAGE +- 3, the outer two as gaps), then the
    first and the last: the cost of a page does not grow with the number of pages. ?><?cs
  set:_pager.lo = #page - 3 ?><?cs if:#_pager.lo < 1 ?><?cs set:_pager.lo = 1 ?><?cs /if ?><?cs
  set:_pager.hi = #page + 3 ?><?cs if:#_pager.hi > #pages ?><?cs set:_pager.hi = #pages ?><?cs /if ?>
<nav class="pager" aria-label="<?cs var:Lang.pager.label ?>">
  <ul><?cs
  if:#page > 1 ?>
    <li class="pager-prev"><a href="<?cs var:base_url ?><?cs var:_pager.sep ?>page=<?cs var:#page - 1 ?>" rel="prev"><?cs var:Lang.pager.prev ?></a></li><?cs
  else ?>
    <li class="pager-prev"><span class="is-disabled" aria-disabled="true"><?cs var:Lang.pager.prev ?></span></li><?cs
  /if ?><?cs
  if:#_pager.lo > 1 ?><?cs call:pager_item(1, page, pages, base_url) ?><?cs /if ?><?cs
  loop:i = #_pager.lo, #_pager.hi, 1 ?><?cs call:pager_item(i, page, pages, base_url) ?><?cs /loop ?><?cs
  if:#_pager.hi < #pages ?><?cs call:pager_item(pages, page, pages, base_url) ?><?cs /if ?><?cs
  if:#page < #pages ?>
    <li class="pager-next"><a href="<?cs var:base_url ?><?cs var:_pager.sep ?>page=<?cs var:#page + 1 ?>" rel="next"><?cs var:Lang.pager.next ?></a></li><?cs
  else ?>
    <li class="pager-next"><span class="is-disabled" aria-disabled="true"><?cs var:Lang.pager.next ?></span></li><?cs
  /if ?>
  </ul>
</nav><?cs
  /if ?><?cs /def ?><?cs

# empty_state(title, text, url, link_label): the friendly box shown instead
  of an empty list; the button is left out when url is "".
?><?cs def:empty_state(title, text, url, link_label) ?>
<div class="empty-state">
  <svg class="empty-icon" aria-hidden="true" viewBox="0 0 48 48"><rect x="9" y="6" width="30" height="36" rx="4"/><path d="M16 16h16M16 23h16M16 30h9"/></svg>
  <p class="empty-title"><?cs var:title ?></p><?cs
  if:text ?>
  <p class="empty-text"><?cs var:text ?></p><?cs /if ?><?cs
  if:url ?>
  <a class="btn btn-primary" href="<?cs var:url ?>"><?cs var:link_label ?></a><?cs /if ?>
</div>
<?cs /def ?><?cs

# submit_button(label, action, kind): a submit button; action is the value
  sent as action= ("" for none); kind primary, secondary, danger or link.
  上一步/保存 (action prev or save) skip the browser's own checks.
?><?cs def:submit_button(label, action, kind) ?><button type="submit" class="<?cs
  if:kind == "link" ?>btn-link<?cs else ?>btn btn-<?cs if:kind ?><?cs var:kind ?><?cs else ?>primary<?cs /if ?><?cs /if ?>"<?cs
  if:action ?> name="action" value="<?cs var:action ?>"<?cs /if ?><?cs
  if:action == "prev" || action == "save" ?> formnovalidate<?cs /if ?>><?cs var:label ?></button><?cs /def ?><?cs

# sms_button(label, remaining): 【发送手机验证码】 (action=send_code). After a
  code was sent the page passes the seconds left before another may be
  requested; certdesk.js then counts down on the button. Works without JS
  (the server still refuses early requests).
?><?cs def:sms_button(label, remaining) ?><button type="submit" class="btn btn-secondary btn-sms" name="action" value="send_code" formnovalidate data-countdown="60" data-countdown-remaining="<?cs if:#remaining > 0 ?><?cs var:#remaining ?><?cs else ?>0<?cs /if ?>" data-countdown-text="<?cs var:Lang.form.sms_wait ?>"><?cs var:label ?></button><?cs /def ?><?cs

# money(fen): an amount in fen printed as yuan with two decimals, e.g. 30000 -> ¥300.00.
?><?cs def:money(fen) ?><span class="money">¥<?cs var:#fen / 100 ?>.<?cs if:#fen % 100 < 10 ?>0<?cs /if ?><?cs var:#fen % 100 ?></span><?cs /def ?>