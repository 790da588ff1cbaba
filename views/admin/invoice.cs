<?cs include:"macros.cs" ?><?cs include:"order/invoice-doc.cs" ?><?cs
# admin/invoice.cs: GET /admin/orders/{no}/invoice, an order's e-invoice for staff. HDF: as order/invoice-doc.cs,
  Page.back_url.
?><?cs def:page_body() ?>
<section class="section">
  <div class="container" data-order-no="<?cs var:Page.order.no ?>" data-order-state="<?cs var:Page.order.state ?>">
    <p class="back-link"><a href="<?cs var:Page.back_url ?>"><?cs var:Lang.fulfil.back ?></a></p>
    <?cs call:invoice_document() ?>
  </div>
</section>
<?cs /def ?><?cs include:"admin/layout.cs" ?>
