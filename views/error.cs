<?cs include:"macros.cs" ?><?cs
# error.cs: the error page for Page.status 400 403 404 405 413 429 500, with the request id to quote
?><?cs def:page_body() ?><?cs
  if:Lang.error[Page.status].title ?><?cs set:_err.status = Page.status ?><?cs else ?><?cs set:_err.status = "500" ?><?cs /if ?>
<section class="section">
  <div class="container narrow">
    <div class="card error-card" data-status="<?cs var:_err.status ?>">
      <p class="error-code" aria-hidden="true"><?cs var:_err.status ?></p>
      <h1 class="page-title"><?cs var:Lang.error[_err.status].title ?></h1>
      <p class="error-text"><?cs var:Lang.error[_err.status].text ?></p><?cs
  if:Page.request_id ?>
      <div class="request-id">
        <p><?cs var:Lang.error.request_id ?><?cs var:Lang.form.label_sep ?><code class="request-id-code"><?cs var:Page.request_id ?></code></p>
        <p class="field-hint"><?cs var:Lang.error.request_id_hint ?></p>
      </div><?cs
  /if ?>
      <div class="actions">
        <a class="btn btn-primary" href="/"><?cs var:Lang.error.home ?></a>
        <a class="btn btn-secondary" href="/service"><?cs var:Lang.error.service ?></a>
      </div>
    </div>
  </div>
</section>
<?cs /def ?><?cs include:"layout.cs" ?>
