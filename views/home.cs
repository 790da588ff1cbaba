<?cs include:"macros.cs" ?><?cs
# home.cs: landing page (Page.nav = home): what the platform does, the process, how to start
?><?cs def:page_body() ?>
<section class="hero">
  <div class="container hero-inner">
    <div class="hero-copy">
      <p class="kicker"><?cs var:Lang.home.kicker ?></p>
      <h1 class="hero-title"><?cs var:Lang.home.title ?></h1>
      <p class="hero-lead"><?cs var:Lang.home.lead ?></p>
      <div class="actions">
        <a class="btn btn-primary btn-lg" href="/projects"><?cs var:Lang.home.apply ?></a>
        <a class="btn btn-secondary btn-lg" href="/orders"><?cs var:Lang.home.orders ?></a>
      </div>
    </div>
    <aside class="card hero-card" aria-labelledby="home-account-title"><?cs
  if:Session.username ?>
      <h2 class="card-title" id="home-account-title"><?cs var:Lang.home.welcome ?><?cs var:Session.username ?></h2>
      <p class="muted"><?cs var:Lang.home.welcome_text ?></p>
      <div class="stack-actions">
        <a class="btn btn-primary btn-block" href="/orders"><?cs var:Lang.home.orders ?></a>
        <a class="btn btn-secondary btn-block" href="/faq"><?cs var:Lang.home.faq_link ?></a>
      </div><?cs
  else ?>
      <h2 class="card-title" id="home-account-title"><?cs var:Lang.home.account_title ?></h2>
      <p class="muted"><?cs var:Lang.home.account_text ?></p>
      <div class="stack-actions">
        <a class="btn btn-primary btn-block" href="/login"><?cs var:Lang.home.login ?></a>
        <a class="btn btn-secondary btn-block" href="/register"><?cs var:Lang.home.register ?></a>
      </div><?cs
  /if ?><?cs
  if:Site.service_phone ?>
      <p class="hero-card-foot"><?cs var:Lang.footer.phone ?><?cs var:Lang.form.label_sep ?><a href="tel:<?cs var:Site.service_phone ?>"><?cs var:Site.service_phone ?></a><?cs if:Site.service_hours ?><br><span class="muted"><?cs var:Site.service_hours ?></span><?cs /if ?></p><?cs
  /if ?>
    </aside>
  </div>
</section>

<section class="section" aria-labelledby="home-process-title">
  <div class="container">
    <h2 class="section-title" id="home-process-title"><?cs var:Lang.home.process_title ?></h2>
    <p class="section-lead"><?cs var:Lang.home.process_lead ?></p>
    <ol class="process"><?cs
  each:p = Lang.home.process ?>
      <li class="process-step">
        <span class="process-num" aria-hidden="true"><?cs var:#1 + name(p) ?></span>
        <h3 class="process-title"><?cs var:p.title ?></h3>
        <p class="process-text"><?cs var:p.text ?></p>
      </li><?cs
  /each ?>
    </ol>
  </div>
</section>

<section class="section section-alt">
  <div class="container two-col">
    <div class="card" aria-labelledby="home-prepare-title">
      <h2 class="card-title" id="home-prepare-title"><?cs var:Lang.home.prepare_title ?></h2>
      <ul class="checklist"><?cs
  each:item = Lang.home.prepare ?>
        <li><?cs var:item ?></li><?cs
  /each ?>
      </ul>
      <p class="field-hint"><?cs var:Lang.home.prepare_note ?></p>
    </div>
    <div aria-labelledby="home-trust-title">
      <h2 class="card-title" id="home-trust-title"><?cs var:Lang.home.trust_title ?></h2>
      <ul class="features"><?cs
  each:t = Lang.home.trust ?>
        <li class="feature">
          <span class="feature-icon" aria-hidden="true"><?cs
    if:name(t) == "0" ?><svg viewBox="0 0 24 24"><path d="M12 3l7 3v5.5c0 4.4-3 8-7 9.5-4-1.5-7-5.1-7-9.5V6z"/><path d="M9 12l2.2 2.2L15.5 10"/></svg><?cs
    elif:name(t) == "1" ?><svg viewBox="0 0 24 24"><path d="M6 3.5h9l3 3v14H6z"/><path d="M9 12h6M9 16h6M9 8h3"/></svg><?cs
    else ?><svg viewBox="0 0 24 24"><circle cx="12" cy="12" r="8.5"/><path d="M12 7.5V12l3 2"/></svg><?cs /if ?></span>
          <div>
            <h3 class="feature-title"><?cs var:t.title ?></h3>
            <p class="feature-text"><?cs var:t.text ?></p>
          </div>
        </li><?cs
  /each ?>
      </ul>
    </div>
  </div>
</section>

<section class="section" aria-labelledby="home-contact-title">
  <div class="container">
    <div class="callout">
      <div>
        <h2 class="callout-title" id="home-contact-title"><?cs var:Lang.home.contact_title ?></h2>
        <p class="callout-text"><?cs var:Lang.home.contact_text ?></p><?cs
  if:Site.service_phone ?>
        <p class="callout-text callout-contact"><?cs var:Lang.footer.phone ?><?cs var:Lang.form.label_sep ?><a href="tel:<?cs var:Site.service_phone ?>"><?cs var:Site.service_phone ?></a><?cs
    if:Site.service_hours ?><span class="muted"> · <?cs var:Site.service_hours ?></span><?cs /if ?></p><?cs
  /if ?>
      </div>
      <div class="actions">
        <a class="btn btn-secondary" href="/faq"><?cs var:Lang.home.faq_link ?></a>
        <a class="btn btn-secondary" href="/service"><?cs var:Lang.home.service_link ?></a>
      </div>
    </div>
  </div>
</section>
<?cs /def ?><?cs include:"layout.cs" ?>
