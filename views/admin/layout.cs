<?cs # admin/layout.cs: the staff console's chrome (head, header with the menu of the member's roles, footer)
  around page_body(). Used like layout.cs: a console page includes macros.cs first, defines
  page_body(), and includes "admin/layout.cs" last.
  HDF read here: Site.name, Site.static, Site.asset_version, Page.title, Page.nav (home orders
  login), Page.flash.type + Page.flash.text, Staff.username, Staff.role.<name>, Session.csrf, Lang.*
?><!DOCTYPE html>
<html lang="<?cs if:Site.lang ?><?cs var:Site.lang ?><?cs else ?>zh-CN<?cs /if ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title><?cs if:Page.title ?><?cs var:Page.title ?> - <?cs /if ?><?cs var:Lang.admin.console ?> - <?cs var:Site.name ?></title>
<link rel="icon" href="<?cs var:Site.static ?>/favicon.ico" sizes="32x32">
<link rel="stylesheet" href="<?cs var:Site.static ?>/css/certdesk.css?v=<?cs var:Site.asset_version ?>">
<script src="<?cs var:Site.static ?>/js/certdesk.js?v=<?cs var:Site.asset_version ?>" defer></script>
</head>
<body class="admin nav-<?cs if:Page.nav ?><?cs var:Page.nav ?><?cs else ?>none<?cs /if ?>">
<a class="skip-link" href="#main"><?cs var:Lang.a11y.skip ?></a>
<header class="site-header">
  <div class="container header-inner">
    <a class="brand" href="/admin">
      <img class="brand-logo" src="<?cs var:Site.static ?>/img/logo.svg" alt="" width="36" height="36">
      <span class="brand-text">
        <span class="brand-name"><?cs var:Lang.admin.console ?></span>
        <span class="brand-ca"><?cs var:Site.name ?></span>
      </span>
    </a><?cs
  if:Staff.username ?>
    <nav class="nav-desktop" aria-label="<?cs var:Lang.a11y.main_nav ?>">
      <ul class="nav-list">
        <li><a href="/admin"<?cs if:Page.nav == "home" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.admin.nav.home ?></a></li><?cs
    if:Staff.role.reviewer || Staff.role.admin ?>
        <li><a href="/admin/orders?state=manual_review"<?cs if:Page.nav == "review" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.admin.nav.review ?></a></li><?cs
    /if ?>
        <li><a href="/admin/orders"<?cs if:Page.nav == "orders" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.admin.nav.orders ?></a></li>
<?cs
    if:Staff.role.operator || Staff.role.admin ?>
        <li><a href="/admin/production"<?cs if:Page.nav == "production" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.admin.nav.production ?></a></li><?cs
    /if ?><?cs
    if:Staff.role.finance || Staff.role.admin ?>
        <li><a href="/admin/transfers"<?cs if:Page.nav == "transfers" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.admin.nav.transfers ?></a></li>
        <li><a href="/admin/invoicing"<?cs if:Page.nav == "invoicing" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.admin.nav.invoicing ?></a></li><?cs
    /if ?><?cs
    if:Staff.role.admin ?>
        <li><a href="/admin/projects"<?cs if:Page.nav == "projects" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.admin.nav.projects ?></a></li>
        <li><a href="/admin/staff"<?cs if:Page.nav == "staff" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.admin.nav.staff ?></a></li>
        <li><a href="/admin/audit"<?cs if:Page.nav == "audit" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.admin.nav.audit ?></a></li>
        <li><a href="/admin/outbox"<?cs if:Page.nav == "outbox" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.admin.nav.outbox ?></a></li><?cs
    /if ?>
      </ul>
    </nav>
    <div class="account">
      <span class="account-user"><span class="visually-hidden"><?cs var:Lang.nav.signed_in_as ?>：</span><?cs var:Staff.username ?><?cs
    each:role = Staff.role ?> <span class="badge"><?cs var:Lang.admin.role[name(role)] ?></span><?cs /each ?></span>
      <form class="logout-form" method="post" action="/admin/logout">
        <?cs call:csrf_field() ?>
        <button type="submit" class="btn-link"><?cs var:Lang.nav.logout ?></button>
      </form>
    </div><?cs
  /if ?>
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
  <div class="container">
    <p class="footer-ca"><?cs var:Site.ca_name ?> · <?cs var:Lang.admin.footer ?></p>
  </div>
</footer>
</body>
</html>
