<?php
// Prints every class, method, property, constant and function, one
// canonical line each, either of the loaded corust extension
// (`php -d extension=… sigdump.php ext`) or of a stub file loaded as plain
// PHP without the extension (`php -n sigdump.php stub FILE`), so the two
// can be diffed (scripts/stubcheck.sh).
[, $mode, $file] = $argv + [1 => 'ext', 2 => null];
if ($mode === 'stub') {
    $before = [get_declared_classes(), get_defined_functions()['user']];
    require $file;
    $classes = array_diff(get_declared_classes(), $before[0]);
    $functions = array_diff(get_defined_functions()['user'], $before[1]);
} else {
    // corust's own, and its Swoole-named ones (the `swoole` module's when
    // the identity switch is on).
    $ours = ['corust', 'swoole'];
    $classes = array_filter(get_declared_classes(), fn ($c) => in_array((new ReflectionClass($c))->getExtensionName(), $ours, true));
    $functions = array_merge(get_extension_funcs('corust') ?: [], get_extension_funcs('swoole') ?: []);
    // The library's PHP functions (src/php/library) are part of the API too.
    foreach (get_defined_functions()['user'] as $f) {
        if (str_starts_with((string) (new ReflectionFunction($f))->getFileName(), '@corust/library/')) {
            $functions[] = $f;
        }
    }
}
// A default as text: numbers by value (a stub's `float $t = -1` is -1.0, the
// extension's arginfo literal "-1"), constants by their global name (a
// stub in a namespace resolves `AF_INET` as `Ns\AF_INET` with fallback).
$default = function (ReflectionParameter $p): string {
    if (!$p->isDefaultValueAvailable()) return '?';
    if ($p->isDefaultValueConstant()) {
        $name = $p->getDefaultValueConstantName();
        $short = substr($name, (int) strrpos($name, '\\') + (str_contains($name, '\\') ? 1 : 0));
        return str_contains($name, '::') || defined($name) && !defined($short) ? $name : $short;
    }
    $v = $p->getDefaultValue();
    return is_int($v) || is_float($v) ? sprintf('%.17g', $v) : str_replace("\n", '', var_export($v, true));
};
$param = function (ReflectionParameter $p) use ($default): string {
    $s = ($p->hasType() ? $p->getType() . ' ' : '') . ($p->isPassedByReference() ? '&' : '')
        . ($p->isVariadic() ? '...' : '') . '$' . $p->getName();
    if ($p->isOptional() && !$p->isVariadic()) {
        $s .= ' = ' . $default($p);
    }
    return $s;
};
$sig = function (ReflectionFunctionAbstract $f) use ($param): string {
    return '(' . implode(', ', array_map($param, $f->getParameters())) . ')'
        . ($f->hasReturnType() ? ': ' . $f->getReturnType() : '');
};
$lines = [];
foreach ($classes as $c) {
    $r = new ReflectionClass($c);
    if ($r->getName() !== $c) continue; // an alias
    $kind = $r->isInterface() ? 'interface' : ($r->isFinal() ? 'final class' : ($r->isAbstract() ? 'abstract class' : 'class'));
    $head = "$kind " . $r->getName();
    if ($p = $r->getParentClass()) $head .= ' extends ' . $p->getName();
    $own = array_diff($r->getInterfaceNames(), $p ? $p->getInterfaceNames() : []);
    if ($own) { sort($own); $head .= ' implements ' . implode(', ', $own); }
    $lines[] = $head;
    foreach ($r->getReflectionConstants() as $k) {
        if ($k->getDeclaringClass()->getName() === $r->getName()) {
            $lines[] = $r->getName() . '::' . $k->getName() . ' = ' . var_export($k->getValue(), true);
        }
    }
    foreach ($r->getProperties() as $p) {
        if ($p->getDeclaringClass()->getName() !== $r->getName()) continue;
        $lines[] = $r->getName() . '::$' . $p->getName() . ' ' . implode(' ', Reflection::getModifierNames($p->getModifiers()))
            . ($p->hasType() ? ' ' . $p->getType() : '');
    }
    foreach ($r->getMethods() as $m) {
        if ($m->getDeclaringClass()->getName() !== $r->getName()) continue;
        $lines[] = $r->getName() . '::' . $m->getName() . ' ' . implode(' ', Reflection::getModifierNames($m->getModifiers())) . ' ' . $sig($m);
    }
}
foreach ($functions as $f) {
    $r = new ReflectionFunction($f);
    $lines[] = 'function ' . $r->getName() . $sig($r);
}
sort($lines);
echo implode("\n", $lines), "\n";
