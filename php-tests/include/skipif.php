<?php
if (!extension_loaded('corust')) {
    die('skip corust not loaded');
}
if (!empty($heavy) && getenv('USE_ZEND_ALLOC') === '0') {
    die("skip too heavy or too timing-sensitive under valgrind");
}
