<?cs include:"macros.cs" ?><?cs
# pages/faq.cs: 平台常见问题 (Page.nav = faq): questions from Lang.faq.groups, one <details> each
?><?cs def:page_body() ?>
<section class="section">
  <div class="container faq-layout">
    <header class="page-header">
      <h1 class="page-title"><?cs var:Lang.faq.title ?></h1>
      <p class="page-lead"><?cs var:Lang.faq.lead ?></p>
    </header>
    <nav class="faq-toc" aria-label="<?cs var:Lang.faq.toc ?>">
      <ul><?cs
  each:g = Lang.faq.groups ?>
        <li><a href="#faq-<?cs var:name(g) ?>"><?cs var:g.title ?></a></li><?cs
  /each ?>
      </ul>
    </nav>
    <div class="faq-groups"><?cs
  each:g = Lang.faq.groups ?>
      <section class="faq-group" id="faq-<?cs var:name(g) ?>" aria-labelledby="faq-<?cs var:name(g) ?>-title">
        <h2 class="faq-group-title" id="faq-<?cs var:name(g) ?>-title"><?cs var:g.title ?></h2><?cs
    each:item = g.items ?>
        <details class="faq-item" id="faq-<?cs var:name(g) ?>-<?cs var:name(item) ?>"<?cs if:name(g) == "0" && name(item) == "0" ?> open<?cs /if ?>>
          <summary><?cs var:item.q ?></summary>
          <div class="faq-answer"><p><?cs var:item.a ?></p></div>
        </details><?cs
    /each ?>
      </section><?cs
  /each ?>
    </div>
    <div class="callout">
      <div>
        <h2 class="callout-title"><?cs var:Lang.faq.more_title ?></h2>
        <p class="callout-text"><?cs var:Lang.faq.more_text ?><?cs
  if:Site.service_phone ?> <?cs var:Lang.footer.phone ?><?cs var:Lang.form.label_sep ?><a href="tel:<?cs var:Site.service_phone ?>"><?cs var:Site.service_phone ?></a><?cs /if ?></p>
      </div>
      <div class="actions">
        <a class="btn btn-secondary" href="/service"><?cs var:Lang.nav.service ?></a>
      </div>
    </div>
  </div>
</section>
<?cs /def ?><?cs include:"layout.cs" ?>
