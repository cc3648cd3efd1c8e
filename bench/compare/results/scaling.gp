set terminal pngcairo size 1500,450 font 'sans,10'
set output '/work/main/bench/compare/results/scaling.png'
$s0 << EOD
20 5.936
150 43.096
EOD
$s1 << EOD
20 3.568
150 24.530
EOD
$s2 << EOD
20 41.686
EOD
$s3 << EOD
20 37.824
EOD
$s4 << EOD
20 72.106
EOD
$s5 << EOD
20 65.314
EOD
$s6 << EOD
20 4.982
150 39.472
EOD
$s7 << EOD
20 2.902
150 25.969
EOD
$s8 << EOD
20 1.190
150 3.900
EOD
$s9 << EOD
20 1.170
150 2.640
EOD
$s10 << EOD
20 29.570
EOD
$s11 << EOD
20 24.630
EOD
$s12 << EOD
20 44.220
EOD
$s13 << EOD
20 41.050
EOD
$s14 << EOD
20 0.720
150 2.500
EOD
$s15 << EOD
20 0.580
150 2.080
EOD
$s16 << EOD
20 71.871
150 86.258
EOD
$s17 << EOD
20 71.574
150 83.410
EOD
$s18 << EOD
20 54.207
EOD
$s19 << EOD
20 54.145
EOD
$s20 << EOD
20 93.461
EOD
$s21 << EOD
20 88.793
EOD
$s22 << EOD
20 60.348
150 69.102
EOD
$s23 << EOD
20 60.191
150 69.285
EOD
set multiplot layout 1,3 title 'Growth with the number of hosts (loopback sshd hosts)'
set xlabel 'hosts'
set logscale xy
set grid
set key top left
set xtics (20, 150)
set ylabel 'wall time (s)'
set title 'Median wall time, set pyinfra'
plot $s0 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'tsible, first', $s1 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'tsible, converged', $s2 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'ansible, first', $s3 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'ansible, converged', $s4 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'mitogen, first', $s5 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'mitogen, converged', $s6 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'floor, first', $s7 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'floor, converged'
set ylabel 'CPU of the tool (s)'
set title 'CPU of the tool (user + system), set pyinfra'
plot $s8 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'tsible, first', $s9 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'tsible, converged', $s10 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'ansible, first', $s11 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'ansible, converged', $s12 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'mitogen, first', $s13 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'mitogen, converged', $s14 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'floor, first', $s15 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'floor, converged'
set ylabel 'peak RSS, largest process (MiB)'
set title 'Peak memory, set pyinfra'
plot $s16 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'tsible, first', $s17 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'tsible, converged', $s18 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'ansible, first', $s19 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'ansible, converged', $s20 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'mitogen, first', $s21 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'mitogen, converged', $s22 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'floor, first', $s23 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'floor, converged'
unset multiplot
