<?cs include:"macros.cs" ?><?cs
# order/letter.cs: 机构授权书, pre-filled with the order's organisation and agent (Query.blank: the empty template), to print.
?><?cs def:blank(value, width) ?><?cs if:Query.blank || !value ?><span class="letter-blank letter-blank-<?cs var:width ?>"></span><?cs else ?><span class="letter-fill"><?cs var:value ?></span><?cs /if ?><?cs /def ?><?cs
def:page_body() ?>
<section class="section letter-page">
  <div class="container narrow">
    <p class="no-print actions"><a class="btn btn-secondary" href="/orders/<?cs var:Page.order.no ?>/edit?step=2"><?cs var:Lang.order.back_to_form ?></a> <span class="muted"><?cs var:Lang.order.letter_print ?></span></p>
    <article class="card letter">
      <h1 class="letter-title"><?cs var:Lang.order.letter_title ?></h1>
      <p><?cs var:Site.ca_name ?>：</p>
      <p class="letter-para">兹授权我单位 <?cs call:blank(Page.order.agent_name, 6) ?>（证件类型：<?cs if:Page.order.agent_id_type == "other" ?>其他<?cs else ?>身份证<?cs /if ?>，证件号码：<?cs call:blank(Page.order.agent_id_no, 12) ?>，手机号码：<?cs call:blank(Page.order.agent_phone, 8) ?>）作为经办人，代表我单位 <?cs call:blank(Page.order.org_name, 12) ?>（统一社会信用代码/机构证件号码：<?cs call:blank(Page.order.org_id_no, 12) ?>）向贵公司办理数字证书申请（订单号：<?cs call:blank(Page.order.no, 12) ?>，项目：<?cs var:Page.project.name ?>）的相关事宜，并签署相关文件。</p>
      <p class="letter-para">经办人在办理上述事宜过程中所签署的文件及所作的承诺，我单位均予以认可，并承担相应的法律责任。授权期限自本授权书签署之日起至上述证书业务办理完毕之日止。</p>
      <p class="letter-para">特此授权。</p>
      <div class="letter-sign">
        <p>授权单位（盖章）：<?cs call:blank(Page.order.org_name, 12) ?></p>
        <p>法定代表人（签字）：<?cs call:blank(Page.order.legal_name, 6) ?></p>
        <p>经办人（签字）：<?cs call:blank(Page.order.agent_name, 6) ?></p>
        <p>日期：　　　　年　　月　　日</p>
      </div>
    </article>
  </div>
</section>
<?cs /def ?><?cs include:"layout.cs" ?>
