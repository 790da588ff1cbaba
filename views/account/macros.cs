<?cs # account/macros.cs: def: macros of the account pages; include after macros.cs, before def:page_body()
?><?cs
# account_steps(labels, current): the step indicator of registration or password reset.
  labels is an HDF node with .steps (the list's name) and .step1 .. .step3;
  the shared steps() macro reads Lang.steps, so they are set there for this page.
?><?cs def:account_steps(labels, current) ?><?cs
  set:Lang.steps.label = labels.steps ?><?cs
  set:Lang.steps.1 = labels.step1 ?><?cs
  set:Lang.steps.2 = labels.step2 ?><?cs
  set:Lang.steps.3 = labels.step3 ?><?cs
  call:steps(current) ?><?cs
/def ?>
