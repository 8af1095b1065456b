<?php
if (!extension_loaded('corust')) {
    die('skip corust not loaded');
}
