<?cs # account/macros.cs: def: macros of the account pages; include after macros.cs, before def:page_body()
?><?cs
# account_steps(labels, current): the step indicator of registration or password reset.
  labels is an HDF node with .steps (the list's name) and .step1 .. .step3;
  they are gathered under Page.step_labels for the shared steps() macro (never
  set: under Lang: the string table is shared by every request of a process).
?><?cs def:account_steps(labels, current) ?><?cs
  set:Page.step_labels.label = labels.steps ?><?cs
  set:Page.step_labels.1 = labels.step1 ?><?cs
  set:Page.step_labels.2 = labels.step2 ?><?cs
  set:Page.step_labels.3 = labels.step3 ?><?cs
  set:Page.step_labels.done = Lang.steps.done ?><?cs
  set:Page.step_labels.current = Lang.steps.current ?><?cs
  call:steps(Page.step_labels, current) ?><?cs
/def ?>
