<?cs # layout.cs: shared page chrome (head, header, nav, flash, footer) around page_body()

  HOW A PAGE USES IT
    [cs include:"macros.cs"]                 first line of the page template
    [cs def:page_body()] ...page HTML, may call:csrf_field() etc... [cs /def]
    [cs include:"layout.cs"]                 last line of the page template
  ([cs ...] stands for the ClearSilver tag; a real tag would end this comment.)

  Every page template includes macros.cs itself, FIRST, and layout.cs LAST.
  layout.cs does NOT include macros.cs: ClearSilver refuses a second def: of
  the same macro ("Duplicate macro def"), and call: is resolved when the
  template is parsed, so the macros must be defined before page_body() is.

  HDF read here
    Site.name, Site.ca_name, Site.lang, Site.static, Site.asset_version,
    Site.footer.N, Site.service_phone, Site.service_hours, Site.service_email,
    Site.lang_switch_url (optional: link to the other UI language),
    Page.title (a page with Page.errors gets Lang.form.title_error before it,
    so a screen reader says at once that the form came back), Page.nav (home apply orders login register service faq),
    Page.flash.type (info|success|warning|error) + Page.flash.text (optional,
    one message shown above the page body, e.g. after a 303 redirect),
    Session.username, Session.csrf, Lang.*
  Escaping: Config.VarEscapeMode = html, so every var: below is escaped.
  Site.asset_version is a config token ([A-Za-z0-9._-]); it is only HTML-
  escaped, so these templates also render under plain cstest, which lacks
  the CGI kit's url_escape().
?><?cs
# nav_links(): the main navigation, rendered twice (desktop bar and the
  phone menu) so the header collapses without JavaScript.
?><?cs def:nav_links() ?>
      <ul class="nav-list">
        <li><a href="/"<?cs if:Page.nav == "home" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.nav.home ?></a></li>
        <li><a href="/projects"<?cs if:Page.nav == "apply" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.nav.apply ?></a></li>
        <li><a href="/orders"<?cs if:Page.nav == "orders" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.nav.orders ?></a></li>
        <li><a href="/service"<?cs if:Page.nav == "service" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.nav.service ?></a></li>
        <li><a href="/faq"<?cs if:Page.nav == "faq" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.nav.faq ?></a></li>
      </ul><?cs
/def ?><?cs
# account_links(): login/register, or the user name and a POST logout form.
?><?cs def:account_links() ?><?cs
  if:Session.username ?>
      <div class="account">
        <span class="account-user" title="<?cs var:Lang.nav.signed_in_as ?>"><svg class="icon" aria-hidden="true" viewBox="0 0 20 20"><circle cx="10" cy="7" r="3.5"/><path d="M3.5 17c.8-3.2 3.4-5 6.5-5s5.7 1.8 6.5 5"/></svg><span class="visually-hidden"><?cs var:Lang.nav.signed_in_as ?>：</span><?cs var:Session.username ?></span>
        <form class="logout-form" method="post" action="/logout">
          <?cs call:csrf_field() ?>
          <button type="submit" class="btn-link"><?cs var:Lang.nav.logout ?></button>
        </form>
      </div><?cs
  else ?>
      <div class="account">
        <a class="btn btn-ghost btn-sm" href="/login"<?cs if:Page.nav == "login" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.nav.login ?></a>
        <a class="btn btn-primary btn-sm" href="/register"<?cs if:Page.nav == "register" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.nav.register ?></a>
      </div><?cs
  /if ?><?cs
/def ?><!DOCTYPE html>
<html lang="<?cs if:Site.lang ?><?cs var:Site.lang ?><?cs else ?>zh-CN<?cs /if ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="<?cs var:Lang.meta.description ?>">
<meta name="format-detection" content="telephone=no">
<meta name="theme-color" content="#1e4fa8">
<title><?cs if:subcount(Page.errors) > 0 ?><?cs var:Lang.form.title_error ?><?cs /if ?><?cs if:Page.title ?><?cs var:Page.title ?> - <?cs /if ?><?cs var:Site.name ?></title>
<link rel="icon" href="<?cs var:Site.static ?>/favicon.ico" sizes="32x32">
<link rel="icon" href="<?cs var:Site.static ?>/img/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="<?cs var:Site.static ?>/css/certdesk.css?v=<?cs var:Site.asset_version ?>">
<script src="<?cs var:Site.static ?>/js/certdesk.js?v=<?cs var:Site.asset_version ?>" defer></script>
</head>
<body class="nav-<?cs if:Page.nav ?><?cs var:Page.nav ?><?cs else ?>none<?cs /if ?>">
<a class="skip-link" href="#main"><?cs var:Lang.a11y.skip ?></a>
<header class="site-header">
  <div class="container header-inner">
    <a class="brand" href="/" title="<?cs var:Site.name ?>">
      <img class="brand-logo" src="<?cs var:Site.static ?>/img/logo.svg" alt="" width="36" height="36">
      <span class="brand-text">
        <span class="brand-name"><?cs var:Site.name ?></span>
        <span class="brand-ca"><?cs var:Site.ca_name ?></span>
      </span>
    </a>
    <nav class="nav-desktop" aria-label="<?cs var:Lang.a11y.main_nav ?>">
<?cs call:nav_links() ?>
    </nav>
    <div class="account-desktop">
<?cs call:account_links() ?>
    </div>
    <details class="nav-menu">
      <summary class="nav-menu-toggle"><svg class="icon" aria-hidden="true" viewBox="0 0 20 20"><path d="M3 5.5h14M3 10h14M3 14.5h14"/></svg><span><?cs var:Lang.a11y.menu ?></span></summary>
      <div class="nav-menu-panel">
        <nav aria-label="<?cs var:Lang.a11y.main_nav ?>">
<?cs call:nav_links() ?>
        </nav>
<?cs call:account_links() ?>
      </div>
    </details>
  </div>
</header>
<main id="main" class="site-main" tabindex="-1">
<?cs if:Page.flash.text ?>
  <div class="container">
    <div class="alert alert-<?cs if:Page.flash.type ?><?cs var:Page.flash.type ?><?cs else ?>info<?cs /if ?> flash" role="<?cs if:Page.flash.type == "error" ?>alert<?cs else ?>status<?cs /if ?>"><?cs var:Page.flash.text ?></div>
  </div>
<?cs /if ?>
<?cs call:page_body() ?>
</main>
<footer class="site-footer">
  <div class="container footer-inner">
    <div class="footer-brand">
      <p class="footer-name"><?cs var:Site.name ?></p>
      <p class="footer-ca"><?cs var:Site.ca_name ?></p>
    </div>
    <div class="footer-contact">
      <h2 class="footer-heading"><?cs var:Lang.footer.contact ?></h2>
      <dl class="footer-dl">
<?cs if:Site.service_phone ?>
        <div><dt><?cs var:Lang.footer.phone ?></dt><dd><a href="tel:<?cs var:Site.service_phone ?>"><?cs var:Site.service_phone ?></a></dd></div>
<?cs /if ?><?cs if:Site.service_hours ?>
        <div><dt><?cs var:Lang.footer.hours ?></dt><dd><?cs var:Site.service_hours ?></dd></div>
<?cs /if ?><?cs if:Site.service_email ?>
        <div><dt><?cs var:Lang.footer.email ?></dt><dd><a href="mailto:<?cs var:Site.service_email ?>"><?cs var:Site.service_email ?></a></dd></div>
<?cs /if ?>
      </dl>
    </div>
    <nav class="footer-links" aria-label="<?cs var:Lang.footer.links ?>">
      <h2 class="footer-heading"><?cs var:Lang.footer.links ?></h2>
      <ul>
        <li><a href="/service"><?cs var:Lang.nav.service ?></a></li>
        <li><a href="/faq"><?cs var:Lang.nav.faq ?></a></li>
        <li><a href="/agreement"><?cs var:Lang.footer.agreement ?></a></li>
<?cs if:Site.lang_switch_url ?>
        <li><a href="<?cs var:Site.lang_switch_url ?>" hreflang="<?cs var:Lang.footer.switch_lang_code ?>" lang="<?cs var:Lang.footer.switch_lang_code ?>"><?cs var:Lang.footer.switch_lang ?></a></li>
<?cs /if ?>
      </ul>
    </nav>
  </div>
<?cs if:subcount(Site.footer) > 0 ?>
  <div class="container">
    <div class="footer-legal">
<?cs each:line = Site.footer ?>
      <p><?cs var:line ?></p>
<?cs /each ?>
    </div>
  </div>
<?cs /if ?>
</footer>
</body>
</html>
