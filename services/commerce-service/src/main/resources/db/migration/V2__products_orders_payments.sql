-- Products, stock, orders, the payment/refund saga and idempotency keys of the commerce service.

CREATE TABLE products (
    id          uuid PRIMARY KEY,
    seller_id   uuid         NOT NULL,
    name        varchar(200) NOT NULL,
    description text,
    price       bigint       NOT NULL CHECK (price > 0 AND price <= 1000000000000),
    currency    varchar(16)  NOT NULL,
    stock       integer      NOT NULL CHECK (stock >= 0),
    image_urls  text[]       NOT NULL DEFAULT '{}',
    status      varchar(16)  NOT NULL CHECK (status IN ('ACTIVE', 'ARCHIVED')),
    created_at  timestamptz  NOT NULL,
    updated_at  timestamptz  NOT NULL,
    search      tsvector GENERATED ALWAYS AS (
                    to_tsvector('simple', name || ' ' || coalesce(description, ''))) STORED
);
CREATE INDEX products_search_idx ON products USING gin (search);
CREATE INDEX products_active_newest_idx ON products (created_at DESC, id DESC) WHERE status = 'ACTIVE';
CREATE INDEX products_seller_newest_idx ON products (seller_id, created_at DESC, id DESC) WHERE status = 'ACTIVE';

CREATE TABLE orders (
    id         uuid PRIMARY KEY,
    buyer_id   uuid        NOT NULL,
    seller_id  uuid        NOT NULL,
    status     varchar(20) NOT NULL
               CHECK (status IN ('PENDING_PAYMENT', 'PAID', 'SHIPPED', 'COMPLETED', 'CANCELLED', 'REFUNDED')),
    total      bigint      NOT NULL CHECK (total > 0),
    currency   varchar(16) NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX orders_buyer_idx ON orders (buyer_id, created_at DESC, id DESC);
CREATE INDEX orders_seller_idx ON orders (seller_id, created_at DESC, id DESC);
CREATE INDEX orders_expiry_idx ON orders (expires_at) WHERE status = 'PENDING_PAYMENT';

CREATE TABLE order_items (
    order_id   uuid         NOT NULL REFERENCES orders (id),
    line_no    integer      NOT NULL,
    product_id uuid         NOT NULL REFERENCES products (id),
    name       varchar(200) NOT NULL,
    unit_price bigint       NOT NULL,
    quantity   integer      NOT NULL CHECK (quantity BETWEEN 1 AND 100),
    line_total bigint       NOT NULL,
    PRIMARY KEY (order_id, line_no)
);

-- One row per attempt to move money for an order through the wallet (the saga's state). kind PAYMENT moves
-- buyer -> seller with reference 'order:<orderId>', kind REFUND seller -> buyer with 'refund:<orderId>'.
-- An attempt is committed as PENDING before the wallet is called; at most one attempt per order and kind is
-- PENDING or SUCCEEDED at any time.
CREATE TABLE payments (
    id                 uuid PRIMARY KEY,
    order_id           uuid         NOT NULL REFERENCES orders (id),
    kind               varchar(10)  NOT NULL CHECK (kind IN ('PAYMENT', 'REFUND')),
    method             varchar(16)  NOT NULL,
    amount             bigint       NOT NULL CHECK (amount > 0),
    currency           varchar(16)  NOT NULL,
    from_user_id       uuid         NOT NULL,
    to_user_id         uuid         NOT NULL,
    status             varchar(10)  NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    reference          varchar(200) NOT NULL,
    wallet_transfer_id uuid,
    failure_code       varchar(64),
    attempt_version    integer      NOT NULL DEFAULT 0,
    idem_user_id       uuid,
    idem_key           varchar(255),
    created_at         timestamptz  NOT NULL,
    updated_at         timestamptz  NOT NULL
);
CREATE UNIQUE INDEX payments_one_live_per_order ON payments (order_id, kind) WHERE status IN ('PENDING', 'SUCCEEDED');
CREATE INDEX payments_order_idx ON payments (order_id, created_at);
CREATE INDEX payments_pending_idx ON payments (updated_at) WHERE status = 'PENDING';

-- Idempotency-Key of POST /orders and POST /payments, per user, kept 24 h.
CREATE TABLE idempotency_keys (
    user_id         uuid         NOT NULL,
    idem_key        varchar(255) NOT NULL,
    fingerprint     varchar(64)  NOT NULL,
    state           varchar(12)  NOT NULL CHECK (state IN ('IN_PROGRESS', 'DONE')),
    response_status integer,
    response_body   text,
    response_location text,
    error_code      varchar(64),
    created_at      timestamptz  NOT NULL,
    locked_at       timestamptz  NOT NULL,
    PRIMARY KEY (user_id, idem_key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
