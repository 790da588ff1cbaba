<?cs include:"macros.cs" ?><?cs include:"order/invoice-doc.cs" ?><?cs
# order/invoice.cs: GET /orders/{no}/invoice, the applicant's e-invoice (SPEC §8). HDF: as order/invoice-doc.cs,
  Page.back_url.
?><?cs def:page_body() ?>
<section class="section">
  <div class="container" data-order-no="<?cs var:Page.order.no ?>" data-order-state="<?cs var:Page.order.state ?>">
    <p class="back-link"><a href="<?cs var:Page.back_url ?>"><?cs var:Lang.fulfil.invoice.back ?></a></p>
    <?cs call:invoice_document() ?>
  </div>
</section>
<?cs /def ?><?cs include:"layout.cs" ?>
