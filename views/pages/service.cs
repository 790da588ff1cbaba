<?cs include:"macros.cs" ?><?cs
# pages/service.cs: 客户服务 (Page.nav = service): phone, hours and e-mail from Site.*, self-service tips
?><?cs def:page_body() ?>
<section class="section">
  <div class="container">
    <header class="page-header">
      <h1 class="page-title"><?cs var:Lang.service.title ?></h1>
      <p class="page-lead"><?cs var:Lang.service.lead ?></p>
    </header>

    <div class="contact-grid"><?cs
  if:Site.service_phone ?>
      <div class="card contact-card">
        <span class="contact-icon" aria-hidden="true"><svg viewBox="0 0 24 24"><path d="M6.5 3.5h3l1.5 4-2 1.3a11 11 0 0 0 6.2 6.2l1.3-2 4 1.5v3a2 2 0 0 1-2 2A16 16 0 0 1 4.5 5.5a2 2 0 0 1 2-2z"/></svg></span>
        <h2 class="contact-label"><?cs var:Lang.service.phone ?></h2>
        <p class="contact-value"><a href="tel:<?cs var:Site.service_phone ?>"><?cs var:Site.service_phone ?></a></p>
      </div><?cs
  /if ?><?cs
  if:Site.service_hours ?>
      <div class="card contact-card">
        <span class="contact-icon" aria-hidden="true"><svg viewBox="0 0 24 24"><circle cx="12" cy="12" r="8.5"/><path d="M12 7.5V12l3 2"/></svg></span>
        <h2 class="contact-label"><?cs var:Lang.service.hours ?></h2>
        <p class="contact-value contact-value-sm"><?cs var:Site.service_hours ?></p>
      </div><?cs
  /if ?><?cs
  if:Site.service_email ?>
      <div class="card contact-card">
        <span class="contact-icon" aria-hidden="true"><svg viewBox="0 0 24 24"><rect x="3.5" y="5.5" width="17" height="13" rx="2"/><path d="M4 7l8 6 8-6"/></svg></span>
        <h2 class="contact-label"><?cs var:Lang.service.email ?></h2>
        <p class="contact-value contact-value-sm"><a href="mailto:<?cs var:Site.service_email ?>"><?cs var:Site.service_email ?></a></p>
        <p class="field-hint"><?cs var:Lang.service.email_note ?></p>
      </div><?cs
  /if ?>
    </div>

    <div class="two-col">
      <div class="card">
        <h2 class="card-title"><?cs var:Lang.service.call_title ?></h2>
        <ul class="checklist"><?cs
  each:item = Lang.service.call ?>
          <li><?cs var:item ?></li><?cs
  /each ?>
        </ul>
      </div>
      <div class="card">
        <h2 class="card-title"><?cs var:Lang.service.self_title ?></h2>
        <dl class="self-list"><?cs
  each:s = Lang.service.self ?>
          <div><dt><?cs var:s.title ?></dt><dd><?cs var:s.text ?></dd></div><?cs
  /each ?>
        </dl>
        <div class="actions">
          <a class="btn btn-secondary btn-sm" href="/orders"><?cs var:Lang.service.orders_link ?></a>
          <a class="btn btn-ghost btn-sm" href="/faq"><?cs var:Lang.service.faq_link ?></a>
        </div>
      </div>
    </div>

    <div class="alert alert-warning notice">
      <strong><?cs var:Lang.service.security_title ?></strong><?cs var:Lang.form.label_sep ?><?cs var:Lang.service.security_text ?>
    </div>
  </div>
</section>
<?cs /def ?><?cs include:"layout.cs" ?>
