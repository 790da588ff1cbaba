<?cs include:"macros.cs" ?><?cs
# pages/agreement.cs: 《电子证书下载用户协议》, text from Lang.agreement (linked from registration and the footer)
  A clause with a .bold = 1 child is a liability/dispute clause and is printed in bold, as the preamble promises.
?><?cs def:page_body() ?>
<section class="section">
  <div class="container narrow">
    <article class="card prose agreement">
      <header class="agreement-header">
        <h1 class="page-title"><?cs var:Lang.agreement.title ?></h1>
        <p class="muted"><?cs var:Lang.agreement.updated ?></p>
      </header>
      <p><?cs var:Lang.agreement.operator ?><strong><?cs var:Site.ca_name ?></strong></p>
      <p><?cs var:Lang.agreement.preamble ?></p>
      <p class="agreement-important"><strong><?cs var:Lang.agreement.important ?></strong></p>
      <nav class="agreement-toc" aria-label="<?cs var:Lang.agreement.toc ?>">
        <h2 class="toc-title"><?cs var:Lang.agreement.toc ?></h2>
        <ol><?cs
  each:s = Lang.agreement.sections ?>
          <li><a href="#clause-<?cs var:#1 + name(s) ?>"><?cs var:s.title ?></a></li><?cs
  /each ?>
        </ol>
      </nav><?cs
  each:s = Lang.agreement.sections ?>
      <section class="clause" id="clause-<?cs var:#1 + name(s) ?>">
        <h2><span class="clause-num"><?cs var:#1 + name(s) ?>.</span> <?cs var:s.title ?></h2><?cs
    each:p = s.paras ?>
        <p<?cs if:p.bold ?> class="clause-key"<?cs /if ?>><?cs if:p.bold ?><strong><?cs var:p ?></strong><?cs else ?><?cs var:p ?><?cs /if ?></p><?cs
    /each ?>
      </section><?cs
  /each ?>
      <footer class="agreement-footer">
        <p><?cs var:Lang.agreement.contact ?><?cs
  if:Site.service_phone ?><?cs var:Lang.footer.phone ?> <a href="tel:<?cs var:Site.service_phone ?>"><?cs var:Site.service_phone ?></a><?cs /if ?><?cs
  if:Site.service_email ?>　<?cs var:Lang.footer.email ?> <a href="mailto:<?cs var:Site.service_email ?>"><?cs var:Site.service_email ?></a><?cs /if ?></p>
        <p class="muted"><?cs var:Site.ca_name ?></p>
      </footer>
    </article>
  </div>
</section>
<?cs /def ?><?cs include:"layout.cs" ?>
