package dev.lockscope.realworld.spring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Creates and reads orders; logs each request, as services commonly do (an access-log style line). */
@RestController
public class OrderController {
    private static final Logger LOG = LoggerFactory.getLogger(OrderController.class);
    private final OrderRepository orders;

    public OrderController(OrderRepository orders) {
        this.orders = orders;
    }

    @PostMapping("/orders")
    public Order create(@RequestParam("customer") String customer, @RequestParam("cents") long cents) {
        Order saved = orders.save(new Order(customer, cents));
        LOG.info("created order {} for {} ({} cents)", saved.getId(), customer, cents);
        return saved;
    }

    @GetMapping("/orders/{id}")
    public ResponseEntity<Order> read(@PathVariable("id") long id) {
        LOG.info("read order {}", id);
        return orders.findById(id).map(ResponseEntity::ok).orElse(ResponseEntity.notFound().build());
    }

    @GetMapping("/customers/{customer}/count")
    public long count(@PathVariable("customer") String customer) {
        LOG.info("count orders of {}", customer);
        return orders.countByCustomer(customer);
    }
}
