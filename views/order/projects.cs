<?cs include:"macros.cs" ?><?cs
# order/projects.cs: the project picker: search, the A-Z index (groups), newest projects, results.
  Page.q, Page.letter, Page.groups.N.{letters,active}, Page.newest.N.*, Page.results.N.{code,name,initial,summary}
?><?cs def:project_card(p) ?>
      <li class="project-card">
        <a class="project-link" href="/orders/new?project=<?cs var:url_escape(p.code) ?>">
          <span class="project-initial" aria-hidden="true"><?cs var:p.initial ?></span>
          <span class="project-text">
            <span class="project-name"><?cs var:p.name ?></span><?cs
  if:p.summary ?>
            <span class="project-summary"><?cs var:p.summary ?></span><?cs /if ?>
          </span>
          <span class="project-go"><?cs var:Lang.projects.apply ?></span>
        </a>
      </li><?cs
/def ?><?cs def:page_body() ?>
<section class="section">
  <div class="container">
    <div class="page-header">
      <h1 class="page-title"><?cs var:Lang.projects.title ?></h1>
      <p class="muted"><?cs var:Lang.projects.lead ?></p>
    </div>

    <form class="card project-search" method="get" action="/projects" role="search">
      <label class="visually-hidden" for="f-q"><?cs var:Lang.projects.search_label ?></label>
      <div class="input-row">
        <input id="f-q" class="input" type="search" name="q" value="<?cs var:Page.q ?>" maxlength="64"
          placeholder="<?cs var:Lang.projects.search_placeholder ?>" autocomplete="off"><?cs
  if:Page.letter ?>
        <input type="hidden" name="letter" value="<?cs var:Page.letter ?>"><?cs /if ?>
        <button class="btn btn-primary" type="submit"><?cs var:Lang.projects.search ?></button>
      </div>
      <nav class="letter-index" aria-label="<?cs var:Lang.projects.index_label ?>">
        <a class="letter-tab<?cs if:!Page.letter ?> is-active<?cs /if ?>" href="/projects<?cs if:Page.q ?>?q=<?cs var:url_escape(Page.q) ?><?cs /if ?>"<?cs if:!Page.letter ?> aria-current="page"<?cs /if ?>><?cs var:Lang.projects.all ?></a><?cs
  each:g = Page.groups ?>
        <a class="letter-tab<?cs if:g.active ?> is-active<?cs /if ?>" href="/projects?letter=<?cs var:g.letters ?><?cs if:Page.q ?>&amp;q=<?cs var:url_escape(Page.q) ?><?cs /if ?>"<?cs if:g.active ?> aria-current="page"<?cs /if ?>><?cs var:g.letters ?></a><?cs
  /each ?>
      </nav>
    </form><?cs

  if:!Page.q && !Page.letter && Page.newest_count > 0 ?>
    <h2 class="section-title"><?cs var:Lang.projects.newest ?></h2>
    <ul class="project-grid"><?cs each:p = Page.newest ?><?cs call:project_card(p) ?><?cs /each ?>
    </ul>
    <h2 class="section-title"><?cs var:Lang.projects.all_projects ?></h2><?cs
  else ?>
    <h2 class="section-title"><?cs var:Lang.projects.results ?><?cs
    if:Page.q ?> “<?cs var:Page.q ?>”<?cs /if ?><?cs if:Page.letter ?> · <?cs var:Page.letter ?><?cs /if ?></h2><?cs
  /if ?><?cs
  if:Page.results_count > 0 ?>
    <ul class="project-grid" data-results="<?cs var:Page.results_count ?>"><?cs each:p = Page.results ?><?cs call:project_card(p) ?><?cs /each ?>
    </ul><?cs
  else ?><?cs
    call:empty_state(Lang.projects.none_title, Lang.projects.none_text, "/projects", Lang.projects.show_all) ?><?cs
  /if ?>
  </div>
</section>
<?cs /def ?><?cs include:"layout.cs" ?>
