<?cs include:"macros.cs" ?><?cs include:"order/macros.cs" ?><?cs
# order/step2.cs: ② 机构/经办人信息 — organisation, legal representative, agent, and the three images (multipart).
?><?cs
# The tab says which step this is: 证书信息 - 中企云链证书申请项目 - (site).
?><?cs set:Page.title = Lang.steps.2 + " - " + Page.project.name ?><?cs def:page_body() ?>
<section class="section">
  <div class="container narrow">
    <?cs call:wizard_top(2) ?>
    <form class="card" method="post" action="/orders/<?cs var:Page.order.no ?>/edit?step=2" enctype="multipart/form-data" data-upload-now novalidate>
      <?cs call:csrf_field() ?><?cs call:wizard_enter(2) ?>
      <h2 class="form-section-title"><?cs var:Lang.order.section.org ?></h2>
      <div class="form-grid">
        <div class="field-full"><?cs call:text_field("org_name", Lang.order.label.org_name, Page.form.org_name, Page.errors.org_name, "", "organization", "", "1") ?></div>
        <?cs call:radio_field("org_id_type", Lang.order.label.org_id_type, Page.form.org_id_type, Page.errors.org_id_type, Lang.order.org_id_types, "", "1") ?>
        <?cs call:text_field("org_id_no", Lang.order.label.org_id_no, Page.form.org_id_no, Page.errors.org_id_no, "code", "off", Lang.order.hint.org_id_no, "1") ?>
        <?cs call:text_field("legal_name", Lang.order.label.legal_name, Page.form.legal_name, Page.errors.legal_name, "", "off", "", "1") ?>
        <?cs call:radio_field("legal_id_type", Lang.order.label.legal_id_type, Page.form.legal_id_type, Page.errors.legal_id_type, Lang.order.person_id_types, "", "1") ?>
        <?cs call:text_field("legal_id_no", Lang.order.label.legal_id_no, Page.form.legal_id_no, Page.errors.legal_id_no, "code", "off", "", "1") ?><?cs
  if:Page.project.requires_uid == "1" ?>
        <?cs call:text_field("org_uid", Lang.order.label.org_uid, Page.form.org_uid, Page.errors.org_uid, "code", "off", Lang.order.hint.org_uid, "1") ?><?cs
  /if ?>
        <div class="field-full"><?cs call:file_field("license", Lang.order.label.license, Page.files.license, Page.errors.license, Lang.order.hint.license, "1") ?></div><?cs
  if:Page.project.requires_seal == "1" ?>
        <div class="field-full"><?cs call:file_field("seal", Lang.order.label.seal, Page.files.seal, Page.errors.seal, Lang.order.hint.seal, "1") ?></div><?cs
  /if ?>
      </div>
      <h2 class="form-section-title"><?cs var:Lang.order.section.agent ?></h2>
      <div class="form-grid">
        <?cs call:text_field("agent_name", Lang.order.label.agent_name, Page.form.agent_name, Page.errors.agent_name, "", "name", "", "1") ?>
        <?cs call:radio_field("agent_id_type", Lang.order.label.agent_id_type, Page.form.agent_id_type, Page.errors.agent_id_type, Lang.order.person_id_types, "", "1") ?>
        <?cs call:text_field("agent_id_no", Lang.order.label.agent_id_no, Page.form.agent_id_no, Page.errors.agent_id_no, "code", "off", "", "1") ?>
        <?cs call:text_field("agent_phone", Lang.order.label.agent_phone, Page.form.agent_phone, Page.errors.agent_phone, "tel", "tel", "", "1") ?>
        <?cs call:text_field("agent_email", Lang.order.label.agent_email, Page.form.agent_email, Page.errors.agent_email, "email", "email", Lang.order.hint.agent_email, "1") ?>
        <?cs call:text_field("agent_dept", Lang.order.label.agent_dept, Page.form.agent_dept, Page.errors.agent_dept, "", "organization-title", "", "optional") ?>
        <div class="field-full"><?cs call:text_field("agent_address", Lang.order.label.agent_address, Page.form.agent_address, Page.errors.agent_address, "", "street-address", "", "1") ?></div>
        <div class="field-full"><?cs call:file_field("authorization", Lang.order.label.authorization, Page.files.authorization, Page.errors.authorization, Lang.order.hint.authorization, "1") ?>
          <p class="field-hint"><a href="/orders/<?cs var:Page.order.no ?>/authorization-letter?blank=1" target="_blank"><?cs var:Lang.order.letter_template ?></a> · <a href="/orders/<?cs var:Page.order.no ?>/authorization-letter" target="_blank"><?cs var:Lang.order.letter_filled ?></a></p>
        </div>
        <div class="field-full"><?cs call:checkbox_field("same_person", Lang.order.label.same_person, Page.form.same_person, Page.errors.same_person, "") ?></div>
      </div>
<?cs call:wizard_actions(2) ?>
    </form>
  </div>
</section>
<?cs /def ?><?cs include:"layout.cs" ?>
